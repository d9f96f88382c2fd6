// proc-sample: samples a process's memory and CPU and the size of some files at a fixed interval,
// for scripts/bench-upstream (the gateway's RSS and the size of its event buffer over a run).
//
//   proc-sample --pid PID [--interval-ms 100] [--file PATH]... > TRACE
//
// Every interval it writes one line: `TIME CPU_S VMRSS_KB VMHWM_KB BYTES`, where TIME is CLOCK_MONOTONIC
// seconds (comparable with mqtt-load's and upstream-load's), CPU_S the process's CPU time (all
// threads, clock_getcpuclockid), VmRSS and VmHWM from /proc/PID/status, and BYTES the sum of the
// sizes of the --file paths (0 for a missing one: e.g. buffer.db + buffer.db-wal). It stops when the
// process is gone or on SIGTERM / SIGINT.
//
// Build: cc -O2 -Wall -o proc-sample proc-sample.c
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "../loadgen/bench-clock.h"

static volatile sig_atomic_t stop = 0;
static void on_signal(int signal_number) { (void)signal_number; stop = 1; }

/// VmRSS and VmHWM in kB; false once the process is gone.
static int read_memory(const char *status_path, long *rss, long *hwm) {
    FILE *file = fopen(status_path, "r");
    if (!file) return 0;
    char line[256];
    *rss = *hwm = -1;
    while (fgets(line, sizeof line, file)) {
        if (!strncmp(line, "VmRSS:", 6)) *rss = atol(line + 6);
        else if (!strncmp(line, "VmHWM:", 6)) *hwm = atol(line + 6);
    }
    fclose(file);
    return *rss >= 0;
}

int main(int argc, char **argv) {
    pid_t pid = 0;
    long interval_ms = 100;
    const char *files[16];
    int file_count = 0;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--pid")) pid = (pid_t)atol(argv[i + 1]);
        else if (!strcmp(argv[i], "--interval-ms")) interval_ms = atol(argv[i + 1]);
        else if (!strcmp(argv[i], "--file") && file_count < 16) files[file_count++] = argv[i + 1];
        else { fprintf(stderr, "usage: proc-sample --pid PID [--interval-ms 100] [--file PATH]...\n"); return 2; }
    }
    if (pid <= 0 || interval_ms < 1) { fprintf(stderr, "usage: proc-sample --pid PID [--interval-ms 100] [--file PATH]...\n"); return 2; }
    struct sigaction action = {0};
    action.sa_handler = on_signal;
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGINT, &action, NULL);
    clockid_t clock;
    if (clock_getcpuclockid(pid, &clock) != 0) { fprintf(stderr, "proc-sample: no process %d\n", (int)pid); return 1; }
    char status_path[64];
    snprintf(status_path, sizeof status_path, "/proc/%d/status", (int)pid);
    struct timespec next;
    clock_gettime(CLOCK_MONOTONIC, &next);
    while (!stop) {
        long rss, hwm;
        double cpu = clock_seconds(clock);
        if (cpu < 0 || !read_memory(status_path, &rss, &hwm)) break;
        long long bytes = 0;
        for (int i = 0; i < file_count; i++) {
            struct stat info;
            if (stat(files[i], &info) == 0) bytes += info.st_size;
        }
        printf("%.6f %.4f %ld %ld %lld\n", monotonic_now(), cpu, rss, hwm, bytes);
        fflush(stdout);
        timespec_add(&next, interval_ms * 1000000LL);
        while (!stop && clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL) != 0) {}
    }
    return 0;
}
