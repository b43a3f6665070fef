import { Logger } from '@nestjs/common';
import { PeriodicTask } from './periodic-task';

describe('PeriodicTask', () => {
  const logger = { warn: jest.fn() } as unknown as Logger;

  it('never runs two rounds at once, logs a failed round and runs again later', async () => {
    let release: () => void = () => undefined;
    let rounds = 0;
    const task = new PeriodicTask(
      'test sweep',
      0,
      () => {
        rounds++;
        if (rounds === 2) return Promise.reject(new Error('db away'));
        return new Promise<void>((r) => (release = r));
      },
      logger,
    );
    const first = task.tick();
    const overlapping = task.tick();
    expect(overlapping).toBe(first);
    expect(rounds).toBe(1);
    release();
    await first;
    await task.tick();
    expect(rounds).toBe(2);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.objectContaining({ err: expect.any(Error) }),
      'test sweep failed; retrying next tick',
    );
    const third = task.tick();
    expect(rounds).toBe(3);
    release();
    await third;
  });

  it('ticks on its interval until stopped, and stop waits for the round in flight', async () => {
    jest.useFakeTimers();
    try {
      let rounds = 0;
      const task = new PeriodicTask('t', 1000, () => Promise.resolve(void rounds++), logger);
      task.start();
      await jest.advanceTimersByTimeAsync(3000);
      expect(rounds).toBe(3);
      await task.stop();
      await jest.advanceTimersByTimeAsync(3000);
      expect(rounds).toBe(3);
      const never = new PeriodicTask('off', 0, () => Promise.resolve(void rounds++), logger);
      never.start();
      await jest.advanceTimersByTimeAsync(3000);
      expect(rounds).toBe(3);
    } finally {
      jest.useRealTimers();
    }
  });
});
