import { isProducerStateError, sendReplacingRefusedProducer } from './kafka-connection';
import { ContractViolationError } from '../contracts/registry';
import { classifyError } from './error-class';
import { NonRetryableError } from './inbound-event';

const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code });
const queryFailed = (code: string) => Object.assign(new Error('query failed'), { driverError: { code } });
const sysError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code });

describe('classifyError (consumer retry policy)', () => {
  it.each([
    ['NonRetryableError', new NonRetryableError('unknown case', 'UNKNOWN_CASE')],
    ['contract violation', new ContractViolationError('t', ['x'])],
    ['invalid text representation 22P02', queryFailed('22P02')],
    ['foreign key violation 23503', pgError('23503')],
    ['check violation 23514', queryFailed('23514')],
    ['undefined column 42703', queryFailed('42703')],
  ])('%s is permanent (straight to the DLQ)', (_what, e) => {
    expect(classifyError(e)).toBe('permanent');
  });

  it.each([
    ['connection refused', sysError('ECONNREFUSED')],
    ['connection reset', sysError('ECONNRESET')],
    ['admin shutdown 57P01', pgError('57P01')],
    ['cannot connect now 57P03', pgError('57P03')],
    ['database not accepting connections 55000', pgError('55000')],
    ['too many connections 53300', pgError('53300')],
    ['connection failure 08006', queryFailed('08006')],
    ['serialization failure 40001', queryFailed('40001')],
    ['deadlock 40P01', queryFailed('40P01')],
    ['pg pool: connection terminated', new Error('Connection terminated unexpectedly')],
    ['pg pool: acquire timeout', new Error('timeout exceeded when trying to connect')],
  ])('%s is transient (retried until the database is back)', (_what, e) => {
    expect(classifyError(e)).toBe('transient');
  });

  it.each([
    ['a plain error', new Error('font not found')],
    ['a unique violation (may be a race)', queryFailed('23505')],
    ['not an Error at all', 'boom'],
  ])('%s is retryable a bounded number of times', (_what, e) => {
    expect(classifyError(e)).toBe('retryable');
  });
});

describe('isProducerStateError', () => {
  it('finds a refused producer state along the cause chain, and only that', () => {
    const protocol = Object.assign(new Error('out of order'), { type: 'OUT_OF_ORDER_SEQUENCE_NUMBER' });
    const wrapped = Object.assign(new Error('retries exceeded'), { cause: protocol });
    expect(isProducerStateError(protocol)).toBe(true);
    expect(isProducerStateError(wrapped)).toBe(true);
    expect(isProducerStateError(Object.assign(new Error('x'), { type: 'MESSAGE_TOO_LARGE' }))).toBe(false);
    expect(isProducerStateError(new Error('ECONNREFUSED'))).toBe(false);
  });
});

describe('sendReplacingRefusedProducer', () => {
  const refused = Object.assign(new Error('out of order'), { type: 'OUT_OF_ORDER_SEQUENCE_NUMBER' });
  const producers = (...behaviours: Array<'ok' | 'refused' | 'down'>) => {
    const sent: Array<{ producer: number; record: string }> = [];
    let n = 0;
    return {
      sent,
      current: () => ({
        send: (record: string) => {
          const b = behaviours[n];
          if (b === 'refused') return Promise.reject(refused);
          if (b === 'down') return Promise.reject(new Error('ECONNREFUSED'));
          sent.push({ producer: n, record });
          return Promise.resolve();
        },
      }),
      replace: () => {
        n += 1;
        return Promise.resolve();
      },
    };
  };

  it('replaces a producer the broker refuses and sends the record once through the new one', async () => {
    const p = producers('refused', 'ok');
    const replaced: unknown[] = [];
    await sendReplacingRefusedProducer(p, 'dlq-record', (e) => replaced.push(e));
    expect(p.sent).toEqual([{ producer: 1, record: 'dlq-record' }]);
    expect(replaced).toEqual([refused]);
  });

  it('keeps a healthy producer and throws other errors without replacing it', async () => {
    const healthy = producers('ok');
    await sendReplacingRefusedProducer(healthy, 'r');
    expect(healthy.sent).toEqual([{ producer: 0, record: 'r' }]);
    const down = producers('down', 'ok');
    await expect(sendReplacingRefusedProducer(down, 'r')).rejects.toThrow('ECONNREFUSED');
    expect(down.sent).toEqual([]);
  });
});
