/** Which Fluent theme the pane takes from Office's theme colours and the system's preferences (theme.ts). */
import { describe, expect, it } from 'vitest';
import { chooseTheme, luminance } from '../../src/taskpane/theme';

const none = { forcedColors: false, moreContrast: false, dark: false };

describe("the pane's theme", () => {
  it("follows Excel's theme: Colorful and White light, Dark Gray and Black dark, black with white text high contrast", () => {
    expect(chooseTheme({ bodyBackgroundColor: '#FFFFFF', bodyForegroundColor: '#000000' }, none)).toBe('light');
    expect(chooseTheme({ bodyBackgroundColor: '#E6E6E6', bodyForegroundColor: '#262626' }, none)).toBe('light');
    expect(chooseTheme({ bodyBackgroundColor: '#444444', bodyForegroundColor: '#FFFFFF' }, none)).toBe('dark');
    expect(chooseTheme({ bodyBackgroundColor: '#262626', bodyForegroundColor: '#F3F3F3' }, none)).toBe('dark');
    expect(chooseTheme({ bodyBackgroundColor: '#000000', bodyForegroundColor: '#FFFFFF' }, none)).toBe('contrast');
    expect(chooseTheme({ isDarkTheme: true }, none)).toBe('dark');
  });

  it('takes high contrast whenever the system forces colours or asks for more contrast, even in Excel', () => {
    const light = { bodyBackgroundColor: '#FFFFFF', bodyForegroundColor: '#000000' };
    expect(chooseTheme(light, { ...none, forcedColors: true })).toBe('contrast');
    expect(chooseTheme(null, { ...none, moreContrast: true })).toBe('contrast');
  });

  it("in a browser (no Office theme) follows the system's colour scheme", () => {
    expect(chooseTheme(null, none)).toBe('light');
    expect(chooseTheme(undefined, { ...none, dark: true })).toBe('dark');
    expect(chooseTheme({}, { ...none, dark: true })).toBe('dark');
  });

  it('reads colours as Office gives them, and nothing else', () => {
    expect(luminance('#FFFFFF')).toBeCloseTo(1);
    expect(luminance('000000')).toBe(0);
    expect(luminance('white')).toBeNull();
    expect(luminance(undefined)).toBeNull();
  });
});
