// mqtt-load: MQTT load generator and counting subscriber for Edgewise benchmarks (libmosquitto).
//
//   mqtt-load pub --port P --count N [--qos 0|1] [--window W] [--rate R] [--devices D] ...
//   mqtt-load sub --port P --count N [--qos 1] [--topic 'site/sensors/#'] [--ready-file F] ...
//
// pub publishes N messages on `site/sensors/sensor-{i % D}` (PREFIX{i % D}), each a ~150-byte
// JSON sensor payload with a unique "seq" (i + --seq-start), as fast as possible (--rate 0) or at
// R messages/s. At most W messages are outstanding: for QoS 1 "outstanding" means not yet
// acknowledged (PUBACK), so W is the in-flight window; for QoS 0 it means not yet written to the
// socket, which only bounds the client's own buffer. TCP_NODELAY is on.
//
// sub subscribes (clean session), touches --ready-file once the SUBACK arrives, then counts
// messages until N have arrived or none arrived for --idle-timeout seconds. It reads each
// payload's "seq" to count duplicates and distinct messages.
//
// Both print one machine-readable line on stdout, `mqtt-load mode=... key=value ...` (cpu_s is the
// process's own user + system CPU time, from getrusage). Times are
// CLOCK_MONOTONIC seconds, comparable between processes on one machine: a script can take
// "publisher started" from pub and "last message received" from sub.
//
// Build: cc -O2 -Wall -o mqtt-load mqtt-load.c -lmosquitto -lpthread
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <mosquitto.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench-clock.h"
#include "mqtt-connection.h"

// MARK: Options

struct options {
    const char *mode;
    const char *host;
    int port;
    long count;
    int qos;
    long window;
    double rate;
    int devices;
    const char *prefix;
    const char *topic;
    long seq_start;
    const char *client_id;
    const char *ready_file;
    double idle_timeout;
    double start_timeout;
    double stall_timeout;
    int keepalive;
};

static void usage(void) {
    fprintf(stderr,
        "usage: mqtt-load pub|sub [options]\n"
        "  --host H            broker host (127.0.0.1)\n"
        "  --port P            broker port (1883)\n"
        "  --count N           messages to publish / to wait for (100000)\n"
        "  --qos 0|1           publish QoS (pub) or subscription QoS (sub) (pub: 0, sub: 1)\n"
        "  --window W          pub: max outstanding messages (QoS 1: in flight) (QoS 1: 20, QoS 0: 1000)\n"
        "  --rate R            pub: messages/s, 0 = as fast as possible (0)\n"
        "  --devices D         pub: topics PREFIX0 .. PREFIX{D-1} (200)\n"
        "  --prefix PREFIX     pub: topic prefix (site/sensors/sensor-)\n"
        "  --seq-start S       pub: first seq value (0)\n"
        "  --topic FILTER      sub: topic filter (site/sensors/#)\n"
        "  --ready-file F      sub: created once subscribed\n"
        "  --idle-timeout S    sub: give up after S seconds without a message, once one arrived (10)\n"
        "  --start-timeout S   sub: give up if no message arrives within S seconds (120)\n"
        "  --stall-timeout S   pub: give up when the broker takes nothing for S seconds (60)\n"
        "  --id CLIENT_ID      client id (mqtt-load-pub-PID / mqtt-load-sub-PID)\n"
        "  --keepalive S       keep-alive seconds (60)\n");
    exit(2);
}

static void parse_options(int argc, char **argv, struct options *o) {
    if (argc < 2) usage();
    memset(o, 0, sizeof *o);
    o->mode = argv[1];
    o->host = "127.0.0.1";
    o->port = 1883;
    o->count = 100000;
    o->qos = -1;
    o->window = -1;
    o->devices = 200;
    o->prefix = "site/sensors/sensor-";
    o->topic = "site/sensors/#";
    o->idle_timeout = 10;
    o->start_timeout = 120;
    o->stall_timeout = 60;
    o->keepalive = 60;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (i + 1 >= argc) usage();
        const char *v = argv[++i];
        if (!strcmp(a, "--host")) o->host = v;
        else if (!strcmp(a, "--port")) o->port = atoi(v);
        else if (!strcmp(a, "--count")) o->count = atol(v);
        else if (!strcmp(a, "--qos")) o->qos = atoi(v);
        else if (!strcmp(a, "--window")) o->window = atol(v);
        else if (!strcmp(a, "--rate")) o->rate = atof(v);
        else if (!strcmp(a, "--devices")) o->devices = atoi(v);
        else if (!strcmp(a, "--prefix")) o->prefix = v;
        else if (!strcmp(a, "--seq-start")) o->seq_start = atol(v);
        else if (!strcmp(a, "--topic")) o->topic = v;
        else if (!strcmp(a, "--ready-file")) o->ready_file = v;
        else if (!strcmp(a, "--idle-timeout")) o->idle_timeout = atof(v);
        else if (!strcmp(a, "--start-timeout")) o->start_timeout = atof(v);
        else if (!strcmp(a, "--stall-timeout")) o->stall_timeout = atof(v);
        else if (!strcmp(a, "--id")) o->client_id = v;
        else if (!strcmp(a, "--keepalive")) o->keepalive = atoi(v);
        else usage();
    }
    bool pub = !strcmp(o->mode, "pub");
    if (!pub && strcmp(o->mode, "sub")) usage();
    if (o->qos < 0) o->qos = pub ? 0 : 1;
    if (o->qos != 0 && o->qos != 1) { fprintf(stderr, "mqtt-load: --qos must be 0 or 1\n"); exit(2); }
    if (o->window < 0) o->window = o->qos == 1 ? 20 : 1000;
    if (o->window < 1 || o->count < 1 || o->devices < 1) { fprintf(stderr, "mqtt-load: --window, --count and --devices must be positive\n"); exit(2); }
}

// MARK: Shared state

// Guarded by `lock` from mqtt-connection.h, like its `connection`.
static struct {
    // pub
    long outstanding;
    long completed;
    // sub
    long received;
    long target;
    long duplicates;
    long unique;
    long without_seq;
    long long bytes;
    double first;
    double last;
    uint8_t *seen;
    long seen_bits;
} state;

// MARK: Publisher

static void on_publish(struct mosquitto *mosq, void *userdata, int mid) {
    (void)mosq; (void)userdata; (void)mid;
    pthread_mutex_lock(&lock);
    state.outstanding--;
    state.completed++;
    pthread_cond_broadcast(&changed);
    pthread_mutex_unlock(&lock);
}

/// A ~150-byte sensor payload. Temperatures run 20.0 .. 34.9 so that a threshold at 30 is crossed now and then.
static int format_payload(char *buffer, size_t size, long seq, int device, double wall_ms) {
    double temp = 20.0 + (double)(seq % 150) / 10.0;
    int hum = 40 + (int)(seq % 20);
    int battery = (int)(seq % 10);
    return snprintf(buffer, size,
        "{\"seq\":%ld,\"sensor\":\"sensor-%d\",\"temp\":%.1f,\"hum\":%d.25,\"battery\":3.0%d,\"rssi\":-67,"
        "\"status\":\"ok\",\"fw\":\"2.4.1\",\"uptime\":%ld,\"ts\":%.0f}",
        seq, device, temp, hum, battery, 1000000 + seq / 10, wall_ms);
}

static double wall_milliseconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    return (double)t.tv_sec * 1e3 + (double)(t.tv_nsec / 1000000);
}

static void sleep_until(double monotonic_deadline) {
    struct timespec t;
    t.tv_sec = (time_t)monotonic_deadline;
    t.tv_nsec = (long)((monotonic_deadline - (double)t.tv_sec) * 1e9);
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &t, NULL) == EINTR) {}
}

/// Exits when the broker has taken nothing for --stall-timeout seconds (it died, or stopped
/// reading), instead of waiting forever for acknowledgements that will not come.
static void give_up_stalled(const struct options *o, long published) {
    fprintf(stderr, "mqtt-load: no progress for %.0f s after %ld of %ld messages: is the broker at %s:%d still running?\n",
            o->stall_timeout, published, o->count, o->host, o->port);
    exit(1);
}

static int run_publisher(const struct options *o) {
    struct mosquitto *mosq = make_client("mqtt-load", "pub", o->client_id, true);
    mosquitto_publish_callback_set(mosq, on_publish);
    if (o->qos == 1) mosquitto_int_option(mosq, MOSQ_OPT_SEND_MAXIMUM, (int)o->window);
    connect_and_start(mosq, "mqtt-load", o->host, o->port, o->keepalive);

    char topic[256], payload[512];
    long long bytes = 0;
    long errors = 0, retries_in_a_row = 0;
    double start = monotonic_now();
    for (long i = 0; i < o->count; i++) {
        if (o->rate > 0) {
            double due = start + (double)i / o->rate;
            if (monotonic_now() < due) sleep_until(due);
        }
        pthread_mutex_lock(&lock);
        if (state.outstanding >= o->window) {
            // A full window drains as the broker acknowledges; a broker that died never does.
            struct timespec stall;
            deadline_in(&stall, o->stall_timeout);
            while (state.outstanding >= o->window) {
                if (pthread_cond_timedwait(&changed, &lock, &stall) == ETIMEDOUT) give_up_stalled(o, i);
            }
        }
        state.outstanding++;
        pthread_mutex_unlock(&lock);

        long seq = o->seq_start + i;
        int device = (int)(i % o->devices);
        snprintf(topic, sizeof topic, "%s%d", o->prefix, device);
        int length = format_payload(payload, sizeof payload, seq, device, wall_milliseconds());
        bytes += length;
        int rc;
        while ((rc = mosquitto_publish(mosq, NULL, topic, length, payload, o->qos, false)) != MOSQ_ERR_SUCCESS) {
            // Only while disconnected (QoS 0 refuses then; QoS 1 is queued by libmosquitto): wait and retry.
            if (rc != MOSQ_ERR_NO_CONN) { fprintf(stderr, "mqtt-load: publish: %s\n", mosquitto_strerror(rc)); exit(1); }
            errors++;
            if (++retries_in_a_row * 0.01 > o->stall_timeout) give_up_stalled(o, i);
            usleep(10000);
        }
        retries_in_a_row = 0;
    }
    double queued = monotonic_now();
    // Wait until every message is acknowledged (QoS 1) or written (QoS 0).
    struct timespec deadline;
    deadline_in(&deadline, 300);
    pthread_mutex_lock(&lock);
    bool finished = true;
    while (state.completed < o->count) {
        if (pthread_cond_timedwait(&changed, &lock, &deadline) == ETIMEDOUT) { finished = false; break; }
    }
    long completed = state.completed, disconnects = connection.disconnects;
    pthread_mutex_unlock(&lock);
    double end = monotonic_now();
    stop_client(mosq);

    double elapsed = end - start;
    printf("mqtt-load mode=pub qos=%d count=%ld completed=%ld window=%ld rate_target=%.0f devices=%d payload_avg=%.1f "
           "start=%.6f queued=%.6f end=%.6f elapsed=%.6f msgs_per_s=%.0f cpu_s=%.3f disconnects=%ld publish_retries=%ld finished=%d\n",
           o->qos, o->count, completed, o->window, o->rate, o->devices, (double)bytes / (double)o->count,
           start, queued, end, elapsed, (double)completed / elapsed, cpu_used(), disconnects, errors, finished ? 1 : 0);
    fflush(stdout);
    return finished ? 0 : 1;
}

// MARK: Subscriber

/// The value of `"seq":` in a payload, or -1.
static long payload_seq(const char *payload, int length) {
    static const char key[] = "\"seq\":";
    const char *found = memmem(payload, (size_t)length, key, sizeof key - 1);
    if (!found) return -1;
    const char *p = found + sizeof key - 1, *end = payload + length;
    if (p >= end || *p < '0' || *p > '9') return -1;
    long value = 0;
    while (p < end && *p >= '0' && *p <= '9') value = value * 10 + (*p++ - '0');
    return value;
}

static void on_message(struct mosquitto *mosq, void *userdata, const struct mosquitto_message *message) {
    (void)mosq; (void)userdata;
    double now = monotonic_now();
    long seq = payload_seq(message->payload, message->payloadlen);
    pthread_mutex_lock(&lock);
    if (state.received == 0) state.first = now;
    state.last = now;
    state.received++;
    state.bytes += message->payloadlen;
    if (seq < 0) {
        state.without_seq++;
    } else {
        if (seq >= state.seen_bits) {
            long bits = state.seen_bits ? state.seen_bits : 1 << 20;
            while (bits <= seq) bits *= 2;
            state.seen = realloc(state.seen, (size_t)bits / 8);
            if (!state.seen) { perror("realloc"); exit(1); }
            memset(state.seen + state.seen_bits / 8, 0, (size_t)(bits - state.seen_bits) / 8);
            state.seen_bits = bits;
        }
        uint8_t bit = (uint8_t)(1u << (seq % 8));
        if (state.seen[seq / 8] & bit) state.duplicates++;
        else { state.seen[seq / 8] |= bit; state.unique++; }
    }
    if (state.received >= state.target) pthread_cond_broadcast(&changed);
    pthread_mutex_unlock(&lock);
}

static int run_subscriber(const struct options *o) {
    state.target = o->count;
    struct mosquitto *mosq = make_client("mqtt-load", "sub", o->client_id, true);
    mosquitto_message_callback_set(mosq, on_message);
    connect_and_start(mosq, "mqtt-load", o->host, o->port, o->keepalive);
    subscribe_and_wait(mosq, "mqtt-load", o->topic, o->qos, o->ready_file);

    // Count until N arrived, or nothing arrives for idle_timeout (start_timeout before the first).
    double subscribed_at = monotonic_now();
    const char *outcome = "complete";
    struct timespec deadline;
    pthread_mutex_lock(&lock);
    while (state.received < o->count) {
        double limit = state.received == 0 ? subscribed_at + o->start_timeout : state.last + o->idle_timeout;
        double now = monotonic_now();
        if (now >= limit) { outcome = state.received == 0 ? "no_messages" : "idle_timeout"; break; }
        deadline_in(&deadline, limit - now < 0.2 ? limit - now : 0.2);
        pthread_cond_timedwait(&changed, &lock, &deadline);
    }
    long received = state.received, unique = state.unique, duplicates = state.duplicates, without = state.without_seq;
    long long bytes = state.bytes;
    double first = state.first, last = state.last;
    long disconnects = connection.disconnects;
    pthread_mutex_unlock(&lock);
    stop_client(mosq);

    double span = last - first;
    printf("mqtt-load mode=sub qos=%d expected=%ld received=%ld unique=%ld duplicates=%ld without_seq=%ld payload_avg=%.1f "
           "first=%.6f last=%.6f elapsed=%.6f msgs_per_s=%.0f cpu_s=%.3f disconnects=%ld outcome=%s\n",
           o->qos, o->count, received, unique, duplicates, without, received ? (double)bytes / (double)received : 0.0,
           first, last, span, span > 0 ? (double)received / span : 0.0, cpu_used(), disconnects, outcome);
    fflush(stdout);
    return strcmp(outcome, "complete") == 0 ? 0 : 1;
}

int main(int argc, char **argv) {
    struct options o;
    parse_options(argc, argv, &o);
    make_condition(&changed);
    mosquitto_lib_init();
    int status = !strcmp(o.mode, "pub") ? run_publisher(&o) : run_subscriber(&o);
    mosquitto_lib_cleanup();
    return status;
}
