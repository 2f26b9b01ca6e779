import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

/**
 * Nothing the project runs sends usage data. The Office CLI tools (office-addin-manifest,
 * office-addin-dev-certs) report through office-addin-usage-data; from version 3 every call of it is
 * a no-op. This pins that: an upgrade that brought reporting back would fail here.
 */
describe('no telemetry', () => {
  it('office-addin-usage-data, which the Office CLI tools report through, is off and sends nothing', async () => {
    const require = createRequire(__filename);
    const usage = require('office-addin-usage-data') as {
      OfficeAddinUsageData: new (options: object) => {
        isUsageDataOn(): boolean;
        getEventsSent(): number;
        reportEvent(name: string, data: object): Promise<void>;
      };
      readUsageDataLevel(group: string): string;
    };
    const client = new usage.OfficeAddinUsageData({
      projectName: 'mtfs-addin',
      instrumentationKey: 'x',
      promptQuestion: '',
      raisePrompt: false,
      usageDataLevel: 'on',
    });
    await client.reportEvent('test', { a: 1 });
    expect(client.isUsageDataOn()).toBe(false);
    expect(client.getEventsSent()).toBe(0);
    expect(usage.readUsageDataLevel('office-addin-manifest')).toBe('off');
  });
});
