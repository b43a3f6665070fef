import { readdirSync } from 'node:fs';
import { procStat } from './common';

/** CPU ticks of one process split by thread: its main thread, JIT compiler threads, and all the others. */
export interface ThreadTicks {
  main: number;
  /** HotSpot's compiler threads ("C1 CompilerThre…", "C2 CompilerThre…"); V8 names none of its own. */
  jit: number;
  /** Node: V8's GC and optimizing-compiler helpers, libuv's pool, worker threads; JVM: everything else. */
  other: number;
}

/** Live threads only (/proc/<pid>/task): a thread that exited between two readings drops out of both. */
export function threadTicks(pid: number | undefined): ThreadTicks | undefined {
  if (pid === undefined) return undefined;
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return undefined;
  }
  const t: ThreadTicks = { main: 0, jit: 0, other: 0 };
  for (const tid of tids) {
    const s = procStat(Number(tid), `/proc/${pid}/task/${tid}/stat`);
    if (!s) continue;
    if (s.pid === pid) t.main += s.ticks;
    else if (/^C\d CompilerThre/.test(s.comm)) t.jit += s.ticks;
    else t.other += s.ticks;
  }
  return t;
}

export function threadDelta(a: ThreadTicks | undefined, b: ThreadTicks | undefined): ThreadTicks {
  if (!a || !b) return { main: NaN, jit: NaN, other: NaN };
  return { main: b.main - a.main, jit: b.jit - a.jit, other: b.other - a.other };
}
