import { Global, Injectable, Module } from '@nestjs/common';

/** The time of the approval service. One seam, so tests can run a case across a holiday. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

/** One Clock for the whole service (imported once by AppModule). */
@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
