import { describe, expect, it } from 'vitest';
import { buildDataset } from '../../src/dataset/build.ts';
import { rtdLinkages } from '../../src/report/rtd.ts';

// Cluster C = NUTS DE21 with c1 (university), c2, c3 (firms); n1 a German firm outside C; e1 a French
// university; g1 a US firm. Projects: P1 {c1 (coordinator), c2, e1}, P2 {c2, c3, n1, g1}, P3 {c1, c3}.
const dataset = buildDataset({
  organisations: {
    rowCount: 6,
    columns: {
      id: ['c1', 'c2', 'c3', 'n1', 'e1', 'g1'],
      name: ['Uni C', 'Firm C2', 'Firm C3', 'Firm N', 'Uni E', 'Firm G'],
      kind: ['university', 'firm', 'sme', 'firm', 'university', 'large-firm'],
      nuts: ['DE212', 'DE212', 'DE211', 'DE300', 'FR101', null],
      country: ['DE', 'DE', 'DE', 'DE', 'FR', 'US'],
    },
  },
  projects: { rowCount: 3, columns: { id: ['P1', 'P2', 'P3'] } },
  participations: {
    rowCount: 9,
    columns: {
      project: ['P1', 'P1', 'P1', 'P2', 'P2', 'P2', 'P2', 'P3', 'P3'],
      organisation: ['c1', 'c2', 'e1', 'c2', 'c3', 'n1', 'g1', 'c1', 'c3'],
      role: [
        'coordinator',
        'participant',
        'participant',
        'participant',
        'participant',
        'participant',
        'participant',
        'participant',
        'participant',
      ],
      contribution: [100, 50, 70, 20, 30, 40, 0, 10, 5],
    },
  },
});

describe('R&D linkages of a cluster', () => {
  const [c] = rtdLinkages(dataset, [{ id: 'C', name: 'Cluster C', nuts: ['DE21'], localities: [] }]);

  it('counts organisations, participations, coordination and contribution', () => {
    expect(c.organisations).toBe(3);
    expect(c.organisationsByKind).toEqual({ university: 1, firm: 1, sme: 1 });
    // c1 ×2, c2 ×2, c3 ×2; one of the six is a coordination; 100 + 50 + 20 + 30 + 10 + 5 EUR
    expect(c.participations).toBe(6);
    expect(c.coordinatorShare).toBeCloseTo(1 / 6, 12);
    expect(c.euContribution).toBe(215);
  });

  it('splits ties by scope: 3 intra, 2 national, 2 other European, 2 outside Europe', () => {
    // ties touching C: c1–c2, c2–c3, c1–c3 (intra); c2–n1, c3–n1 (national); c1–e1, c2–e1 (Europe);
    // c2–g1, c3–g1 (outside Europe)
    expect(c.ties).toBe(9);
    expect(c.scopeShares).toEqual({
      intraCluster: 3 / 9,
      national: 2 / 9,
      otherEuropean: 2 / 9,
      outsideEurope: 2 / 9,
    });
    expect(c.eiIndex).toBeCloseTo((6 - 3) / 9, 12);
    // firm–university: c1–c2 and c1–c3 inside; c2–e1 across (c1–e1 is university–university)
    expect([c.firmUniversityInside, c.firmUniversityAcross]).toEqual([2, 1]);
  });

  it('lists gatekeepers by local–outside partner pairs that are not tied, and central organisations by partners', () => {
    // c2's partners c1, c3 (inside) and e1, n1, g1 (outside); untied inside–outside pairs: c1–n1,
    // c1–g1, c3–e1 → 3. c3: c1–n1, c1–g1 → 2. c1: c3–e1 → 1.
    expect(c.gatekeepers.map((g) => [g.id, g.localOutsidePairs])).toEqual([
      ['c2', 3],
      ['c3', 2],
      ['c1', 1],
    ]);
    expect(c.central.map((g) => [g.id, g.partners, g.outsidePartners])).toEqual([
      ['c2', 5, 3],
      ['c3', 4, 2],
      ['c1', 3, 1],
    ]);
  });
});

describe('R&D linkages with a project-size cap (issue 7)', () => {
  const C = { id: 'C', name: 'Cluster C', nuts: ['DE21'], localities: [] };

  it('the default cap (30) keeps these small projects', () => {
    expect(rtdLinkages(dataset, [C])[0].ties).toBe(9);
  });

  it('maxProjectSize 3 leaves P2 (4 organisations) out of every count', () => {
    const [c] = rtdLinkages(dataset, [C], { maxProjectSize: 3 });
    // left: P1 {c1, c2, e1} and P3 {c1, c3} → c1–c2, c1–c3 intra; c1–e1, c2–e1 other European
    expect(c.ties).toBe(4);
    expect(c.scopeShares).toEqual({ intraCluster: 0.5, national: 0, otherEuropean: 0.5, outsideEurope: 0 });
    // participations are not ties: they stay as they are
    expect(c.participations).toBe(6);
    expect(c.central.map((g) => [g.id, g.partners])).toEqual([
      ['c1', 3],
      ['c2', 2],
      ['c3', 1],
    ]);
  });
});
