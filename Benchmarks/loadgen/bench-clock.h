// bench-clock.h: the clock helpers the benchmark's C tools share (mqtt-load, proc-watch,
// upstream-load, proc-sample). Header only, because scripts/bench* build every tool from its one .c
// file (`cc ... tool.c`); the upstream tools include it as "../loadgen/bench-clock.h".
//
// Times are CLOCK_MONOTONIC seconds so that the lines the tools print can be compared with each
// other on one machine; waits with a deadline use a condition variable on the same clock.
#ifndef BENCH_CLOCK_H
#define BENCH_CLOCK_H

#include <pthread.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <time.h>

/// The time on `clock` in seconds, or -1 when it cannot be read (a process CPU clock whose process is gone).
static inline double clock_seconds(clockid_t clock) {
    struct timespec t;
    if (clock_gettime(clock, &t) != 0) return -1;
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static inline double monotonic_now(void) {
    return clock_seconds(CLOCK_MONOTONIC);
}

/// CPU seconds (user + system) this process has used so far.
static inline double cpu_used(void) {
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return (double)(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + (double)(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/// Moves `t` on by `nanoseconds`, keeping tv_nsec below one second.
static inline void timespec_add(struct timespec *t, long long nanoseconds) {
    long long ns = t->tv_nsec + nanoseconds;
    t->tv_sec += ns / 1000000000LL;
    t->tv_nsec = ns % 1000000000LL;
}

/// The CLOCK_MONOTONIC time `seconds` from now, for pthread_cond_timedwait on a condition from make_condition().
static inline void deadline_in(struct timespec *deadline, double seconds) {
    clock_gettime(CLOCK_MONOTONIC, deadline);
    timespec_add(deadline, (long long)(seconds * 1e9));
}

/// Initialises `condition` to time out on CLOCK_MONOTONIC (the default, CLOCK_REALTIME, would
/// stretch or cut short a wait whenever the wall clock is set).
static inline void make_condition(pthread_cond_t *condition) {
    pthread_condattr_t attributes;
    pthread_condattr_init(&attributes);
    pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC);
    pthread_cond_init(condition, &attributes);
    pthread_condattr_destroy(&attributes);
}

#endif
