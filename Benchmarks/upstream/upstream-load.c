// upstream-load: the receiving end of scripts/bench-upstream (a counting, checking QoS 1 subscriber on
// the upstream broker), and a C publisher of gateway-like CloudEvents for the raw relay ceiling.
//
//   upstream-load sub --port P --messages M [--devices D] [--topic 'edgewise/#'] [--id ID --clean 0]
//                     [--ready-file F] [--trace FILE] [--idle-timeout S] [--start-timeout S] [--subscribe-only 1]
//   upstream-load pub --port P --messages M [--devices D] [--window W] [--gateway G]
//
// sub subscribes to --topic with QoS 1 and reads every message as one of the gateway's CloudEvents
// (structured JSON): the event type is the topic segment after `events/` (the gateway's default
// topic `edgewise/{gateway}/events/{type}/{device}`), and for `ReadingReported` it reads
// `data.device` (`sensor-N`), `data.point` and, for the point `uptime`, `data.value`.
//
// The benchmark's devices map `uptime` to mqtt-load's `"uptime": 1000000 + seq / 10`, where message
// `seq` goes to device `seq % D`. So for device d the k-th message has uptime
// 1000000 + (k * D + d) / 10, and (d, uptime) names the original message exactly. The subscriber
// keeps, per device, the next k it expects: an event with that k is in order; a later k means
// something was skipped (out of order so far, or lost); an earlier k is a duplicate if it was seen
// before (QoS 1 resends) or a late arrival otherwise. `missing` = M - distinct messages seen.
// It also checks that the CloudEvents `time` of a device's events never goes backwards.
//
// It stops once every one of the M messages' uptime readings has arrived and nothing more came for
// --idle-timeout seconds (or it got SIGTERM / SIGINT, or nothing arrived for --start-timeout
// before the first), and prints one line on stdout, `upstream-load mode=sub key=value ...`:
// received, bytes, first/last arrival (CLOCK_MONOTONIC seconds, comparable with mqtt-load's and
// proc-sample's), counts per event type and per reading point, replays (`edgewisereplay: true`),
// the order checks, cpu_s (its own CPU), and from the events' ids (UUIDv7: the first 48 bits are
// the Unix milliseconds at which the gateway's pipeline issued the event) issued_first and
// issued_last in CLOCK_MONOTONIC seconds (when the gateway processed its first and last message) and
// lag_mean_s / lag_max_s (issue -> arrival here: time in the queue and on the way). --trace writes
// `TIME RECEIVED` every 100 ms while messages arrive. --id with --clean 0 makes a persistent session
// (the broker keeps the subscription and queues for it while it is away); --subscribe-only 1 exits
// once subscribed.
//
// pub publishes M messages' worth of events as the gateway would forward them: for message seq,
// device seq % D, four ReadingReported CloudEvents (temperature, humidity, uptime, status; the
// gateway's members, about 10 % shorter) on `edgewise/G/events/ReadingReported/sensor-d`, QoS 1,
// at most W (20) unacknowledged. It prints `upstream-load mode=pub ... start= end= events= payload_avg=`.
//
// Build: cc -O2 -Wall -o upstream-load upstream-load.c -lmosquitto -lpthread
#define _GNU_SOURCE
#include <errno.h>
#include <mosquitto.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../loadgen/bench-clock.h"
#include "../loadgen/mqtt-connection.h"

struct options {
    const char *mode;
    const char *host;
    int port;
    long messages;
    int devices;
    const char *topic;
    const char *client_id;
    int clean;
    const char *ready_file;
    const char *trace;
    double idle_timeout;
    double start_timeout;
    int subscribe_only;
    long window;
    const char *gateway;
};

static void usage(void) {
    fprintf(stderr,
        "usage: upstream-load sub|pub [options]\n"
        "  --host H --port P         broker (127.0.0.1:1883)\n"
        "  --messages M              sensor messages published into the gateway (sub) / to publish (pub)\n"
        "  --devices D               devices (200)\n"
        "  sub: --topic F ('edgewise/#') --id ID --clean 0|1 (1) --ready-file F --trace FILE\n"
        "       --idle-timeout S (2) --start-timeout S (300) --subscribe-only 0|1\n"
        "  pub: --window W (20) --gateway G (bench)\n");
    exit(2);
}

static void parse_options(int argc, char **argv, struct options *o) {
    if (argc < 2) usage();
    memset(o, 0, sizeof *o);
    o->mode = argv[1];
    o->host = "127.0.0.1";
    o->port = 1883;
    o->devices = 200;
    o->topic = "edgewise/#";
    o->clean = 1;
    o->idle_timeout = 2;
    o->start_timeout = 300;
    o->window = 20;
    o->gateway = "bench";
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (i + 1 >= argc) usage();
        const char *v = argv[++i];
        if (!strcmp(a, "--host")) o->host = v;
        else if (!strcmp(a, "--port")) o->port = atoi(v);
        else if (!strcmp(a, "--messages")) o->messages = atol(v);
        else if (!strcmp(a, "--devices")) o->devices = atoi(v);
        else if (!strcmp(a, "--topic")) o->topic = v;
        else if (!strcmp(a, "--id")) o->client_id = v;
        else if (!strcmp(a, "--clean")) o->clean = atoi(v);
        else if (!strcmp(a, "--ready-file")) o->ready_file = v;
        else if (!strcmp(a, "--trace")) o->trace = v;
        else if (!strcmp(a, "--idle-timeout")) o->idle_timeout = atof(v);
        else if (!strcmp(a, "--start-timeout")) o->start_timeout = atof(v);
        else if (!strcmp(a, "--subscribe-only")) o->subscribe_only = atoi(v);
        else if (!strcmp(a, "--window")) o->window = atol(v);
        else if (!strcmp(a, "--gateway")) o->gateway = v;
        else usage();
    }
    if (strcmp(o->mode, "sub") && strcmp(o->mode, "pub")) usage();
    if (o->messages < 1 && !o->subscribe_only) { fprintf(stderr, "upstream-load: --messages must be positive\n"); exit(2); }
    if (o->devices < 1 || o->window < 1) usage();
}

static volatile sig_atomic_t interrupted = 0;

static void on_signal(int signal_number) { (void)signal_number; interrupted = 1; }

// MARK: Shared state

#define MAX_TYPES 32
#define POINTS 5
static const char *point_names[POINTS] = {"temperature", "humidity", "uptime", "status", "other"};

// Guarded by `lock` from mqtt-connection.h, like its `connection`.
static struct {
    // pub
    long outstanding;
    long completed;
    // sub
    long received;
    long long bytes;
    double first, last;
    long replays;
    long unparsed;
    char type_names[MAX_TYPES][48];
    long type_counts[MAX_TYPES];
    int types;
    long point_counts[POINTS];
    // Per device: next expected k, last event time (24 chars of RFC 3339), seen bitmap over k.
    long *next_k;
    char (*last_time)[32];
    uint8_t *seen;
    long per_device;
    long unique, duplicates, skipped_ahead, late, time_backwards, bad_uptime;
    // Event ids are UUIDv7: their first 48 bits are the Unix milliseconds the gateway issued them.
    long long id_ms_first, id_ms_last;
    long ids;
    double lag_sum, lag_max;
} state;

static int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/// The milliseconds in a UUIDv7's first 48 bits (`tttttttt-tttt-7...`), or -1.
static long long uuid7_milliseconds(const char *id, size_t length) {
    if (length != 36 || id[8] != '-' || id[13] != '-' || id[14] != '7') return -1;
    long long ms = 0;
    for (int i = 0; i < 13; i++) {
        if (i == 8) continue;
        int digit = hex_digit(id[i]);
        if (digit < 0) return -1;
        ms = ms * 16 + digit;
    }
    return ms;
}

// MARK: Subscriber

/// The text after `"key":"` up to the closing quote, or NULL; its length in *length.
static const char *string_member(const char *json, size_t size, const char *key, size_t *length) {
    const char *found = memmem(json, size, key, strlen(key));
    if (!found) return NULL;
    const char *start = found + strlen(key), *end = json + size;
    const char *quote = memchr(start, '"', (size_t)(end - start));
    if (!quote) return NULL;
    *length = (size_t)(quote - start);
    return start;
}

static void count_type(const char *type, size_t length) {
    if (length >= sizeof state.type_names[0]) length = sizeof state.type_names[0] - 1;
    for (int i = 0; i < state.types; i++) {
        if (strlen(state.type_names[i]) == length && !memcmp(state.type_names[i], type, length)) { state.type_counts[i]++; return; }
    }
    if (state.types == MAX_TYPES) return;
    memcpy(state.type_names[state.types], type, length);
    state.type_names[state.types][length] = 0;
    state.type_counts[state.types++] = 1;
}

static int devices_count;

static void on_message(struct mosquitto *mosq, void *userdata, const struct mosquitto_message *message) {
    (void)mosq; (void)userdata;
    double now = monotonic_now();
    const char *json = message->payload;
    size_t size = (size_t)message->payloadlen;
    // The type: the topic segment after "/events/".
    const char *type = strstr(message->topic, "/events/");
    size_t type_length = 0;
    if (type) {
        type += 8;
        const char *slash = strchr(type, '/');
        type_length = slash ? (size_t)(slash - type) : strlen(type);
    }
    pthread_mutex_lock(&lock);
    if (state.received == 0) state.first = now;
    state.last = now;
    state.received++;
    state.bytes += message->payloadlen;
    if (size > 24 && !memcmp(json, "{\"edgewisereplay\":true", 22)) state.replays++;
    if (type) count_type(type, type_length); else count_type("?", 1);
    size_t length;
    const char *id = string_member(json, size, "\"id\":\"", &length);
    long long issued = id ? uuid7_milliseconds(id, length) : -1;
    if (issued > 0) {
        if (state.ids == 0 || issued < state.id_ms_first) state.id_ms_first = issued;
        if (issued > state.id_ms_last) state.id_ms_last = issued;
        double lag = clock_seconds(CLOCK_REALTIME) - (double)issued / 1e3;
        state.lag_sum += lag;
        if (lag > state.lag_max) state.lag_max = lag;
        state.ids++;
    }
    const char *device = string_member(json, size, "\"device\":\"sensor-", &length);
    long d = device ? strtol(device, NULL, 10) : -1;
    if (d >= 0 && d < devices_count) {
        const char *time = string_member(json, size, "\"time\":\"", &length);
        if (time && length < sizeof state.last_time[0]) {
            char current[32];
            memcpy(current, time, length);
            current[length] = 0;
            if (strcmp(current, state.last_time[d]) < 0) state.time_backwards++;
            memcpy(state.last_time[d], current, length + 1);
        }
    }
    if (type && type_length == 15 && !memcmp(type, "ReadingReported", 15)) {
        const char *point = string_member(json, size, "\"point\":\"", &length);
        int p = POINTS - 1;
        for (int i = 0; point && i < POINTS - 1; i++) {
            if (strlen(point_names[i]) == length && !memcmp(point_names[i], point, length)) { p = i; break; }
        }
        state.point_counts[p]++;
        if (p == 2 && d >= 0 && d < devices_count) {
            const char *value = memmem(json, size, "\"value\":", 8);
            double uptime = value ? strtod(value + 8, NULL) : -1;
            // uptime = 1000000 + (k * D + d) / 10, integer division: k from the value.
            long base = (long)uptime - 1000000;
            long k = -1;
            for (long candidate = (base * 10 - d) / devices_count - 1; candidate <= (base * 10 + 9 - d) / devices_count + 1; candidate++) {
                if (candidate >= 0 && (candidate * devices_count + d) / 10 == base) { k = candidate; break; }
            }
            if (k < 0 || k >= state.per_device) {
                state.bad_uptime++;
            } else {
                long bit = d * state.per_device + k;
                bool seen = state.seen[bit / 8] & (1u << (bit % 8));
                if (seen) {
                    state.duplicates++;
                } else {
                    state.seen[bit / 8] |= (uint8_t)(1u << (bit % 8));
                    state.unique++;
                    if (k == state.next_k[d]) state.next_k[d] = k + 1;
                    else if (k > state.next_k[d]) { state.skipped_ahead++; state.next_k[d] = k + 1; }
                    else state.late++;
                }
            }
        }
    } else if (!device && !type) {
        state.unparsed++;
    }
    pthread_cond_broadcast(&changed);
    pthread_mutex_unlock(&lock);
}

static int run_subscriber(const struct options *o) {
    devices_count = o->devices;
    state.per_device = (o->messages + o->devices - 1) / o->devices;
    state.next_k = calloc((size_t)o->devices, sizeof *state.next_k);
    state.last_time = calloc((size_t)o->devices, sizeof *state.last_time);
    state.seen = calloc((size_t)(o->devices * state.per_device) / 8 + 1, 1);
    if (!state.next_k || !state.last_time || !state.seen) { perror("calloc"); exit(1); }
    // Messages seq >= M do not exist: mark device d's slots past its share as expected-absent.
    long expected_unique = o->messages;

    struct mosquitto *mosq = make_client("upstream-load", "sub", o->client_id, o->clean != 0);
    mosquitto_message_callback_set(mosq, on_message);
    connect_and_start(mosq, "upstream-load", o->host, o->port, 60);
    subscribe_and_wait(mosq, "upstream-load", o->topic, 1, o->ready_file);
    if (o->subscribe_only) {
        stop_client(mosq);
        printf("upstream-load mode=sub subscribed=1\n");
        return 0;
    }
    FILE *trace = NULL;
    if (o->trace) {
        trace = fopen(o->trace, "w");
        if (!trace) { perror(o->trace); exit(1); }
    }

    double subscribed_at = monotonic_now();
    const char *outcome = "complete";
    long traced = -1;
    struct timespec deadline;
    pthread_mutex_lock(&lock);
    for (;;) {
        double now = monotonic_now();
        if (trace && state.received != traced) { fprintf(trace, "%.6f %ld\n", now, state.received); traced = state.received; }
        if (interrupted) { outcome = "signal"; break; }
        if (state.unique >= expected_unique && now - state.last >= o->idle_timeout) break;
        if (state.received == 0 && now - subscribed_at >= o->start_timeout) { outcome = "no_messages"; break; }
        // Without all messages, give up only after a long silence (a backlog may start late).
        if (state.received > 0 && state.unique < expected_unique && now - state.last >= o->start_timeout) { outcome = "idle_timeout"; break; }
        deadline_in(&deadline, 0.1);
        pthread_cond_timedwait(&changed, &lock, &deadline);
    }
    pthread_mutex_unlock(&lock);
    stop_client(mosq);
    if (trace) fclose(trace);

    double span = state.last - state.first;
    printf("upstream-load mode=sub messages=%ld received=%ld payload_avg=%.1f first=%.6f last=%.6f elapsed=%.6f events_per_s=%.0f",
           o->messages, state.received, state.received ? (double)state.bytes / (double)state.received : 0.0,
           state.first, state.last, span, span > 0 ? (double)state.received / span : 0.0);
    for (int i = 0; i < state.types; i++) printf(" type.%s=%ld", state.type_names[i], state.type_counts[i]);
    for (int i = 0; i < POINTS; i++) printf(" point.%s=%ld", point_names[i], state.point_counts[i]);
    // issued_first/issued_last: the events' UUIDv7 times converted to CLOCK_MONOTONIC seconds.
    double offset = clock_seconds(CLOCK_REALTIME) - monotonic_now();
    if (state.ids > 0) {
        printf(" issued_first=%.3f issued_last=%.3f lag_mean_s=%.3f lag_max_s=%.3f",
               (double)state.id_ms_first / 1e3 - offset, (double)state.id_ms_last / 1e3 - offset,
               state.lag_sum / (double)state.ids, state.lag_max);
    }
    printf(" unique=%ld missing=%ld duplicates=%ld skipped_ahead=%ld late=%ld bad_uptime=%ld time_backwards=%ld replays=%ld unparsed=%ld"
           " cpu_s=%.3f disconnects=%ld outcome=%s\n",
           state.unique, expected_unique - state.unique, state.duplicates, state.skipped_ahead, state.late, state.bad_uptime,
           state.time_backwards, state.replays, state.unparsed, cpu_used(), connection.disconnects, outcome);
    fflush(stdout);
    return strcmp(outcome, "complete") == 0 ? 0 : 1;
}

// MARK: Publisher

static void on_publish(struct mosquitto *mosq, void *userdata, int mid) {
    (void)mosq; (void)userdata; (void)mid;
    pthread_mutex_lock(&lock);
    state.outstanding--;
    state.completed++;
    pthread_cond_broadcast(&changed);
    pthread_mutex_unlock(&lock);
}

/// A ReadingReported CloudEvent shaped like the gateway's (same members and about the same length).
static int format_event(char *buffer, size_t size, const char *gateway, long seq, int device, int point, const char *time) {
    static const char *units[] = {"\"unit\":\"°C\"", "\"unit\":\"%\"", NULL, NULL};
    char value[64];
    switch (point) {
    case 0: snprintf(value, sizeof value, "%.1f", 20.0 + (double)(seq % 150) / 10.0); break;
    case 1: snprintf(value, sizeof value, "%d.25", 40 + (int)(seq % 20)); break;
    case 2: snprintf(value, sizeof value, "%ld", 1000000 + seq / 10); break;
    default: snprintf(value, sizeof value, "\"ok\""); break;
    }
    return snprintf(buffer, size,
        "{\"specversion\":\"1.0\",\"id\":\"01JF%020ld%d\",\"source\":\"edgewise://%s/devices/sensor-%d\","
        "\"type\":\"io.edgewise.reading.reported.v1\",\"subject\":\"sensor-%d/%s\",\"time\":\"%s\","
        "\"datacontenttype\":\"application/json\",\"data\":{\"device\":\"sensor-%d\",\"point\":\"%s\",\"value\":%s%s%s}}",
        seq, point, gateway, device, device, point_names[point], time, device, point_names[point], value,
        units[point] ? "," : "", units[point] ? units[point] : "");
}

static int run_publisher(const struct options *o) {
    struct mosquitto *mosq = make_client("upstream-load", "pub", o->client_id, o->clean != 0);
    mosquitto_publish_callback_set(mosq, on_publish);
    mosquitto_int_option(mosq, MOSQ_OPT_SEND_MAXIMUM, (int)o->window);
    connect_and_start(mosq, "upstream-load", o->host, o->port, 60);
    char topic[256], payload[1024], time_text[40];
    long long bytes = 0;
    long events = o->messages * 4;
    double start = monotonic_now();
    for (long seq = 0; seq < o->messages; seq++) {
        int device = (int)(seq % o->devices);
        snprintf(topic, sizeof topic, "edgewise/%s/events/ReadingReported/sensor-%d", o->gateway, device);
        struct timespec wall;
        clock_gettime(CLOCK_REALTIME, &wall);
        struct tm tm;
        gmtime_r(&wall.tv_sec, &tm);
        size_t n = strftime(time_text, sizeof time_text, "%Y-%m-%dT%H:%M:%S", &tm);
        snprintf(time_text + n, sizeof time_text - n, ".%03ldZ", wall.tv_nsec / 1000000);
        for (int point = 0; point < 4; point++) {
            pthread_mutex_lock(&lock);
            while (state.outstanding >= o->window) pthread_cond_wait(&changed, &lock);
            state.outstanding++;
            pthread_mutex_unlock(&lock);
            int length = format_event(payload, sizeof payload, o->gateway, seq, device, point, time_text);
            bytes += length;
            int rc = mosquitto_publish(mosq, NULL, topic, length, payload, 1, false);
            if (rc != MOSQ_ERR_SUCCESS) { fprintf(stderr, "upstream-load: publish: %s\n", mosquitto_strerror(rc)); exit(1); }
        }
    }
    struct timespec deadline;
    deadline_in(&deadline, 600);
    pthread_mutex_lock(&lock);
    bool finished = true;
    while (state.completed < events) {
        if (pthread_cond_timedwait(&changed, &lock, &deadline) == ETIMEDOUT) { finished = false; break; }
    }
    long completed = state.completed;
    pthread_mutex_unlock(&lock);
    double end = monotonic_now();
    stop_client(mosq);
    printf("upstream-load mode=pub messages=%ld events=%ld completed=%ld window=%ld payload_avg=%.1f start=%.6f end=%.6f elapsed=%.6f events_per_s=%.0f cpu_s=%.3f finished=%d\n",
           o->messages, events, completed, o->window, (double)bytes / (double)events, start, end, end - start,
           (double)completed / (end - start), cpu_used(), finished ? 1 : 0);
    fflush(stdout);
    return finished ? 0 : 1;
}

int main(int argc, char **argv) {
    struct options o;
    parse_options(argc, argv, &o);
    make_condition(&changed);
    struct sigaction action = {0};
    action.sa_handler = on_signal;
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGINT, &action, NULL);
    mosquitto_lib_init();
    int status = !strcmp(o.mode, "pub") ? run_publisher(&o) : run_subscriber(&o);
    mosquitto_lib_cleanup();
    return status;
}
