import { SUBSCRIBED_TOPICS_REFRESH_MS, SubscribedTopics } from './subscribed-topics';

describe('SubscribedTopics', () => {
  const setup = (answers: Array<string[] | Error>) => {
    let now = 1_000_000;
    let reads = 0;
    let version = 1;
    let redisUp = true;
    const repo = {
      receivingTopics: () => {
        const a = answers[Math.min(reads++, answers.length - 1)];
        return a instanceof Error ? Promise.reject(a) : Promise.resolve(new Set(a));
      },
    };
    const shared = {
      read: () => (redisUp ? Promise.resolve(String(version)) : Promise.reject(new Error('redis down'))),
      bump: () => {
        version += 1;
        return Promise.resolve();
      },
    };
    return {
      topics: new SubscribedTopics(repo, shared, () => now),
      reads: () => reads,
      advance: (ms: number) => {
        now += ms;
      },
      otherReplicaChanged: () => {
        version += 1;
      },
      redis: (up: boolean) => {
        redisUp = up;
      },
    };
  };

  it('skips unsubscribed topics, reading the set at most once per refresh interval', async () => {
    const s = setup([['intake.case.completed.v1']]);
    expect(await s.topics.wanted('intake.case.completed.v1')).toBe(true);
    expect(await s.topics.wanted('approval.case.opened.v1')).toBe(false);
    s.advance(SUBSCRIBED_TOPICS_REFRESH_MS - 1);
    expect(await s.topics.wanted('approval.case.opened.v1')).toBe(false);
    expect(s.reads()).toBe(1);
    s.advance(1);
    await s.topics.wanted('approval.case.opened.v1');
    expect(s.reads()).toBe(2);
  });

  it('reloads at once when a change anywhere moved the shared version', async () => {
    const s = setup([[], ['approval.case.opened.v1']]);
    expect(await s.topics.wanted('approval.case.opened.v1')).toBe(false);
    s.otherReplicaChanged(); // another replica committed a subscription and bumped the version
    expect(await s.topics.wanted('approval.case.opened.v1')).toBe(true);
    const local = setup([[], ['intake.case.completed.v1']]);
    expect(await local.topics.any()).toBe(false);
    await local.topics.changed();
    expect(await local.topics.any()).toBe(true);
  });

  it('takes every event when the version or the set cannot be read (never skips on doubt)', async () => {
    const failing = setup([new Error('database down')]);
    expect(await failing.topics.wanted('approval.case.opened.v1')).toBe(true);
    expect(await failing.topics.any()).toBe(true);
    const noRedis = setup([[]]);
    expect(await noRedis.topics.wanted('approval.case.opened.v1')).toBe(false);
    noRedis.redis(false);
    expect(await noRedis.topics.wanted('approval.case.opened.v1')).toBe(true);
  });
});
