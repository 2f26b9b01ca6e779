import { describe, expect, it } from 'vitest';
import type { ReadingCorrection } from '../../src/engine/reader/corrections';
import {
  correctionsOf,
  emptyStore,
  isOwnedSheet,
  isStoreXml,
  newOwnerToken,
  recordWritten,
  storeFromXml,
  storeToXml,
  storeWithCorrections,
  type AddinStore,
} from '../../src/engine/store';

describe("the add-in's record in a workbook", () => {
  const store: AddinStore = {
    version: 1,
    ownedSheets: [{ name: 'MTFS Summary', token: 'abc123', writtenAt: '2026-12-01T10:00:00.000Z' }],
    readings: [{ note: 'a <tag> & "quotes" and £ signs' }],
  };

  it('round-trips through its XML, whatever text it holds', () => {
    const xml = storeToXml(store);
    expect(isStoreXml(xml)).toBe(true);
    expect(storeFromXml(xml)).toEqual({ store });
  });

  it('says in words when the record is damaged, rather than guessing', () => {
    expect(storeFromXml('<mtfs xmlns="urn:mtfs-addin:workbook:1">{not json</mtfs>')).toEqual({
      problem: "the add-in's record in this workbook is damaged (not readable JSON)",
    });
    expect(storeFromXml('<other xmlns="urn:x">{}</other>')).toHaveProperty('problem');
    expect(
      storeFromXml('<mtfs xmlns="urn:mtfs-addin:workbook:1">{"version":2,"ownedSheets":[]}</mtfs>'),
    ).toHaveProperty('problem');
  });

  it('owns a sheet only when the record lists its name and the sheet carries the same token', () => {
    expect(isOwnedSheet(store, { name: 'MTFS Summary', ownerToken: 'abc123' })).toBe(true);
    expect(isOwnedSheet(store, { name: 'mtfs summary', ownerToken: 'abc123' })).toBe(true);
    expect(isOwnedSheet(store, { name: 'MTFS Summary' })).toBe(false);
    expect(isOwnedSheet(store, { name: 'MTFS Summary', ownerToken: 'other' })).toBe(false);
    expect(isOwnedSheet(store, { name: 'MTFS Summary (2)', ownerToken: 'abc123' })).toBe(false);
    expect(isOwnedSheet(null, { name: 'MTFS Summary', ownerToken: 'abc123' })).toBe(false);
  });

  it('records what was written, keeps other owned sheets still there, and drops those gone', () => {
    const before: AddinStore = {
      ...emptyStore(),
      ownedSheets: [
        { name: 'MTFS Summary', token: 't1', writtenAt: 'then' },
        { name: 'MTFS Findings', token: 't2', writtenAt: 'then' },
        { name: 'Deleted by hand', token: 't3', writtenAt: 'then' },
      ],
    };
    const after = recordWritten(
      before,
      [{ name: 'MTFS Summary', token: 't9' }],
      ['MTFS Summary', 'MTFS Findings'],
      'now',
    );
    expect(after.ownedSheets).toEqual([
      { name: 'MTFS Findings', token: 't2', writtenAt: 'then' },
      { name: 'MTFS Summary', token: 't9', writtenAt: 'now' },
    ]);
  });

  it('makes tokens no one types by accident', () => {
    const a = newOwnerToken();
    expect(a).toMatch(/^[0-9a-f]{24}$/);
    expect(newOwnerToken()).not.toBe(a);
  });

  it('keeps corrections it cannot read when the user saves another, and goes on saying why they are not applied', () => {
    const later = { sheet: 'Growth', table: 'A4', heading: 'Ref', splitsInto: ['B', 'C'] };
    const memo: ReadingCorrection = {
      sheet: 'Growth',
      table: 'A4',
      heading: 'Ref',
      row: 9,
      label: 'of which',
      role: 'memo',
    };
    const held: AddinStore = { ...emptyStore(), readingCorrections: [later, memo], scenarios: [{ name: 'Plan A' }] };
    const signs: ReadingCorrection = { sheet: 'Growth', table: 'A4', heading: 'Ref', signs: 'shown-positive' };

    const saved = storeWithCorrections(held, [memo, signs]);

    expect(saved.readingCorrections).toEqual([later, memo, signs]);
    expect(saved.scenarios).toEqual([{ name: 'Plan A' }]);
    const read = correctionsOf(saved);
    expect(read.corrections).toEqual([memo, signs]);
    expect(read.problems).toHaveLength(1);
    expect(read.problems[0]).toMatch(/^correction 1: /);
  });
});
