import { describe, expect, it } from 'vitest';
import { commitmentStatus } from './service';
import { needsVolumeReview } from './measure';

const i = (code: string, status: string, volumeReview = false) => ({ code, status, volumeReview });

describe('commitmentStatus: a commitment is judged on its judged indicators', () => {
  it.each([
    ['all met', [i('3.3.1', 'met'), i('3.3.2', 'met')], 'met', []],
    ['one at risk', [i('3.3.1', 'met'), i('3.3.2', 'at_risk')], 'at_risk', []],
    ['one missed', [i('3.3.1', 'missed'), i('3.3.2', 'met')], 'missed', []],
    ['missed while the volume grew past the margin: to review (IV-b)', [i('3.3.1', 'missed', true)], 'review', []],
    ['a missed one without volume growth wins over a review', [i('a', 'missed', true), i('b', 'missed')], 'missed', []],
    ['a target to be agreed is pending, not judged', [i('3.3.1', 'met'), i('3.3.2', 'info')], 'met', ['3.3.2']],
    ['only targets to be agreed: info', [i('4.1.1', 'info'), i('4.1.2', 'info')], 'info', ['4.1.1', '4.1.2']],
    ['nothing measured: no_data', [i('1.2.1', 'no_data')], 'no_data', ['1.2.1']],
  ] as const)('%s', (_n, indicators, status, pending) => {
    expect(commitmentStatus(indicators)).toEqual({ status, pending });
  });
});

describe('needsVolumeReview (IV-b: "si le volume … augmente en année N, il en sera tenu compte")', () => {
  it.each([
    ['missed, volume +30 % against a 20 % margin', 'missed', 0.3, 0.2, true],
    ['missed, volume +10 %', 'missed', 0.1, 0.2, false],
    ['met, volume +50 %', 'met', 0.5, 0.2, false],
    ['missed, no baseline volume', 'missed', null, 0.2, false],
  ] as const)('%s', (_n, status, change, margin, expected) => {
    expect(needsVolumeReview(status, change, margin)).toBe(expected);
  });
});
