import {
  compiledValidationDivergences,
  setCompiledValidationShadowCheck,
} from '../../libs/shared/src/validation/compiled-validation';

/**
 * Unit and integration suites: every event contract the fast path answers is also validated by
 * class-transformer + class-validator, and the suite fails if the two ever disagree (an instance the
 * reference would refuse or build differently) — a differential check on every event the services exchange.
 */
setCompiledValidationShadowCheck(true);

afterAll(() => {
  expect(compiledValidationDivergences()).toEqual([]);
});
