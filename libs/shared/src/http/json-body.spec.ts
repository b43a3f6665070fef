import { DEFAULT_JSON_LIMITS, jsonShapeProblem } from './json-body';

describe('JSON body shape limits', () => {
  it('refuses deep nesting and huge bodies before parsing, ignoring brackets inside strings', () => {
    expect(jsonShapeProblem('{"a":[1,2,{"b":"[[[[["}]}', DEFAULT_JSON_LIMITS)).toBeNull();
    expect(jsonShapeProblem('['.repeat(10_000), DEFAULT_JSON_LIMITS)).toMatch(/deeper than 16/);
    expect(jsonShapeProblem(`{"s":"${'\\"['.repeat(100)}"}`, DEFAULT_JSON_LIMITS)).toBeNull();
    expect(jsonShapeProblem(`[${'1,'.repeat(30_000)}1]`, DEFAULT_JSON_LIMITS)).toMatch(/more than/);
  });
});
