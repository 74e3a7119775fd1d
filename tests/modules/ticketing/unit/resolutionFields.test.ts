// The resolution form's pure parts: rand amounts typed the South African way, and the body sent with "Resolved".
import { describe, expect, it } from 'vitest';
import { EMPTY_RESOLUTION, randToCents, resolutionBody } from '@/src/modules/ticketing/components/tickets/ResolutionFields';

describe('randToCents', () => {
  it('reads rand with a comma or a dot, a leading R and thousands spaces', () => {
    expect(randToCents('150,50')).toBe(15_050);
    expect(randToCents('R 1 200')).toBe(120_000);
    expect(randToCents('7.5')).toBe(750);
    expect(randToCents('')).toBe(0);
  });
  it('refuses what is not an amount', () => {
    expect(randToCents('abc')).toBeNull();
    expect(randToCents('1,234,5')).toBeNull();
    expect(randToCents('-5')).toBeNull();
  });
});

describe('resolutionBody', () => {
  it('sends only what was filled in, work only when hours are given', () => {
    expect(resolutionBody(EMPTY_RESOLUTION)).toEqual({ body: {} });
    expect(resolutionBody({ ...EMPTY_RESOLUTION, faultCause: 'vandalism', detail: ' cut ', notes: ' spliced ', hours: '1,5', parts: '150,50', trips: '2' })).toEqual({
      body: { faultCause: 'vandalism', faultCauseDetail: 'cut', resolutionNotes: 'spliced', work: { hours: 1.5, partsCents: 15_050, trips: 2 } },
    });
  });
  it('names the first field that cannot be sent', () => {
    expect(resolutionBody({ ...EMPTY_RESOLUTION, hours: 'two' }).error?.field).toBe('hours');
    expect(resolutionBody({ ...EMPTY_RESOLUTION, hours: '2', parts: 'lots' }).error?.field).toBe('parts');
    expect(resolutionBody({ ...EMPTY_RESOLUTION, hours: '2', trips: '1.5' }).error?.field).toBe('trips');
  });
});
