// proc-watch: tells when a process has finished a burst of work, from its CPU time, without
// touching the process. Used by scripts/bench to detect when the gateway has processed every
// message a publisher sent.
//
//   proc-watch --pid PID --done-file F [--interval-ms 10] [--idle-ms 2000] [--gap-ms 50] [--min-run-ms 150] [--timeout S] [--trace 1]
//
// Every interval it reads the process's CPU time (clock_getcpuclockid: nanoseconds, all threads).
// A sample is *active* when the process used more than 3 % of one core during it. Active samples
// less than --gap-ms apart form a *run*. Runs shorter than --min-run-ms are *blips* (an idle
// gateway still wakes up once a second to check staleness and save its state); the *work* ends
// with the last run of at least --min-run-ms.
//
// Once --done-file exists (the publisher has finished), it stops when no work has been seen for
// --idle-ms, and prints one line on stdout:
//
//   proc-watch pid=... start=... work_start=... work_end=... cpu_start=... cpu_work_end=... cpu_end=...
//              vmhwm_kb=... vmrss_kb=... vmrss_peak_kb=... blips=... outcome=idle|timeout|exited
//
// --trace 1 prints every run on stderr. Times are CLOCK_MONOTONIC seconds (comparable with mqtt-load's), CPU in seconds. VmHWM
// (peak resident set since the process started, start-up included) and VmRSS are read from
// /proc/PID/status at the end, before anyone stops the process (-1 if it has exited);
// vmrss_peak_kb is the highest VmRSS sampled every 100 ms while watching: the peak under the
// load, without the start-up pages the gateway releases once running.
//
// Build: cc -O2 -Wall -o proc-watch proc-watch.c
#define _GNU_SOURCE
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "bench-clock.h"

/// A `VmXXX:` value from /proc/PID/status in kB, or -1.
static long status_kb(pid_t pid, const char *key) {
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    FILE *file = fopen(path, "r");
    if (!file) return -1;
    long value = -1;
    size_t length = strlen(key);
    while (fgets(line, sizeof line, file)) {
        if (!strncmp(line, key, length) && line[length] == ':') { value = atol(line + length + 1); break; }
    }
    fclose(file);
    return value;
}

int main(int argc, char **argv) {
    pid_t pid = 0;
    const char *done_file = NULL;
    double interval = 0.010, idle = 2.0, gap = 0.050, min_run = 0.150, timeout = 600, active_share = 0.03;
    bool trace = false;
    for (int i = 1; i + 1 < argc; i += 2) {
        const char *a = argv[i], *v = argv[i + 1];
        if (!strcmp(a, "--pid")) pid = (pid_t)atoi(v);
        else if (!strcmp(a, "--done-file")) done_file = v;
        else if (!strcmp(a, "--interval-ms")) interval = atof(v) / 1e3;
        else if (!strcmp(a, "--idle-ms")) idle = atof(v) / 1e3;
        else if (!strcmp(a, "--gap-ms")) gap = atof(v) / 1e3;
        else if (!strcmp(a, "--min-run-ms")) min_run = atof(v) / 1e3;
        else if (!strcmp(a, "--timeout")) timeout = atof(v);
        else if (!strcmp(a, "--trace")) trace = atoi(v) != 0;
        else { fprintf(stderr, "proc-watch: unknown option %s\n", a); return 2; }
    }
    if (pid <= 0 || !done_file) {
        fprintf(stderr, "usage: proc-watch --pid PID --done-file F [--interval-ms 10] [--idle-ms 2000] [--gap-ms 50] [--min-run-ms 150] [--timeout S]\n");
        return 2;
    }
    clockid_t clock;
    if (clock_getcpuclockid(pid, &clock) != 0) { fprintf(stderr, "proc-watch: no CPU clock for pid %d\n", (int)pid); return 1; }

    double start = monotonic_now(), cpu_start = clock_seconds(clock);
    if (cpu_start < 0) { fprintf(stderr, "proc-watch: pid %d is gone\n", (int)pid); return 1; }
    double previous_time = start, previous_cpu = cpu_start;
    // The current run, and the last run long enough to be work.
    double run_start = -1, run_end = -1, run_cpu_end = 0;
    double work_start = -1, work_end = -1, cpu_work_end = cpu_start;
    long blips = 0;
    const char *outcome = "timeout";
    double cpu_end = cpu_start;
    long vmhwm = -1, vmrss = -1, vmrss_peak = -1;
    double next_rss_sample = start;
    bool done = false;

    for (;;) {
        struct timespec pause = {0, (long)(interval * 1e9)};
        nanosleep(&pause, NULL);
        double now = monotonic_now(), cpu = clock_seconds(clock);
        if (cpu < 0) { outcome = "exited"; break; }
        cpu_end = cpu;
        if (now >= next_rss_sample) {
            long rss = status_kb(pid, "VmRSS");
            if (rss > vmrss_peak) vmrss_peak = rss;
            next_rss_sample = now + 0.1;
        }
        if (cpu - previous_cpu > active_share * (now - previous_time)) {
            if (run_start < 0 || previous_time - run_end > gap) {
                // A new run: the previous one was either work (already recorded) or a blip.
                if (run_start >= 0 && run_end - run_start < min_run) blips++;
                if (trace && run_start >= 0) fprintf(stderr, "proc-watch: run %.3f .. %.3f (%.0f ms)\n", run_start, run_end, (run_end - run_start) * 1e3);
                run_start = previous_time;
            }
            run_end = now;
            run_cpu_end = cpu;
            if (run_end - run_start >= min_run) {
                if (work_start < 0) work_start = run_start;
                work_end = run_end;
                cpu_work_end = run_cpu_end;
            }
        }
        previous_time = now;
        previous_cpu = cpu;
        if (!done) done = access(done_file, F_OK) == 0;
        double last_work = work_end >= 0 ? work_end : start;
        if (done && now - last_work >= idle && !(run_start >= 0 && now - run_end < gap)) { outcome = "idle"; break; }
        if (now - start > timeout) break;
    }
    if (run_start >= 0 && run_end - run_start < min_run) blips++;
    if (trace && run_start >= 0) fprintf(stderr, "proc-watch: run %.3f .. %.3f (%.0f ms)\n", run_start, run_end, (run_end - run_start) * 1e3);
    // VmHWM is the peak resident set so far: reading it now, before the process is stopped, is enough.
    vmhwm = status_kb(pid, "VmHWM");
    vmrss = status_kb(pid, "VmRSS");
    printf("proc-watch pid=%d start=%.6f work_start=%.6f work_end=%.6f cpu_start=%.6f cpu_work_end=%.6f cpu_end=%.6f "
           "vmhwm_kb=%ld vmrss_kb=%ld vmrss_peak_kb=%ld blips=%ld outcome=%s\n",
           (int)pid, start, work_start, work_end, cpu_start, cpu_work_end, cpu_end, vmhwm, vmrss,
           vmrss > vmrss_peak ? vmrss : vmrss_peak, blips, outcome);
    fflush(stdout);
    return strcmp(outcome, "idle") == 0 ? 0 : 1;
}
