import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseWorkers } from './config';

describe('configuration', () => {
  it.each([
    [undefined, 1],
    ['', 1],
    ['1', 1],
    ['2', 2],
    ['8', 8],
    ['auto', 4],
    [' AUTO', 4],
  ])('WORKERS=%j on 4 cores gives %i', (value, expected) => {
    expect(parseWorkers(value, 4)).toBe(expected);
  });

  it.each(['0', '-1', '1.5', '9', 'Infinity', '1e9', 'two', 'NaN', ' ', '0x2', '2e0'])(
    'WORKERS=%j is refused with what it accepts',
    (value) => {
      expect(() => parseWorkers(value, 4)).toThrow(ConfigError);
      expect(() => parseWorkers(value, 4)).toThrow(/WORKERS must be "auto" or an integer from 1 to 8/);
    },
  );

  it('refuses a port that is not one', () => {
    expect(loadConfig({}, []).port).toBe(3000);
    expect(loadConfig({ PORT: '8080' }, []).port).toBe(8080);
    for (const PORT of ['http', '70000', '-1', '80.5', ' ', '0x1F90', '8e3'])
      expect(() => loadConfig({ PORT }, [])).toThrow(/PORT must be an integer/);
  });

  it.each([
    [undefined, true],
    ['', true],
    ['1', true],
    ['on', true],
    ['TRUE', true],
    ['0', false],
    ['off', false],
    ['false', false],
  ])('PG_PREPARED_STATEMENTS=%j gives %s', (value, expected) => {
    expect(loadConfig(value === undefined ? {} : { PG_PREPARED_STATEMENTS: value }, []).preparedStatements).toBe(
      expected,
    );
  });

  it('refuses a switch that is neither on nor off', () => {
    expect(() => loadConfig({ PG_PREPARED_STATEMENTS: 'maybe' }, [])).toThrow(/PG_PREPARED_STATEMENTS must be 1 or 0/);
  });
});
