// mqtt-connection.h: the MQTT connection part that mqtt-load and upstream-load share
// (libmosquitto): a client made with the benchmark's options, connected with its network thread
// running, optionally subscribed, and the connection state its callbacks keep. Header only, like
// bench-clock.h (each tool is built from its one .c file); upstream-load includes it as
// "../loadgen/mqtt-connection.h".
//
// `lock` guards `connection` and the including tool's own state alike, and `changed` is broadcast
// whenever either changes, so that a tool waits for both on the one condition. Call
// make_condition(&changed) before the first client is made. Errors start with the tool's name
// (the `tool` argument) and exit.
#ifndef MQTT_CONNECTION_H
#define MQTT_CONNECTION_H

#include <errno.h>
#include <mosquitto.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench-clock.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed;

/// Kept by the callbacks below, under `lock`.
static struct {
    bool connected;
    int connect_result;  // the last CONNACK's code, 0 = accepted
    long connects;       // accepted connections, libmosquitto's reconnections included
    long disconnects;    // connections lost (not counting our own mosquitto_disconnect)
    bool subscribed;     // a SUBACK has arrived
} connection;

static inline void on_connect(struct mosquitto *mosq, void *userdata, int result) {
    (void)mosq; (void)userdata;
    pthread_mutex_lock(&lock);
    connection.connect_result = result;
    if (result == 0) { connection.connected = true; connection.connects++; }
    pthread_cond_broadcast(&changed);
    pthread_mutex_unlock(&lock);
}

static inline void on_disconnect(struct mosquitto *mosq, void *userdata, int result) {
    (void)mosq; (void)userdata;
    pthread_mutex_lock(&lock);
    connection.connected = false;
    if (result != 0) connection.disconnects++;
    pthread_cond_broadcast(&changed);
    pthread_mutex_unlock(&lock);
}

static inline void on_subscribe(struct mosquitto *mosq, void *userdata, int mid, int count, const int *granted) {
    (void)mosq; (void)userdata; (void)mid; (void)count; (void)granted;
    pthread_mutex_lock(&lock);
    connection.subscribed = true;
    pthread_cond_broadcast(&changed);
    pthread_mutex_unlock(&lock);
}

/// A client with id `client_id`, or "TOOL-ROLE-PID" when that is NULL: MQTT 3.1.1, TCP_NODELAY
/// (Nagle's algorithm would hold small packets back until TCP has acknowledged earlier ones), the
/// callbacks above.
static inline struct mosquitto *make_client(const char *tool, const char *role, const char *client_id, bool clean_session) {
    char generated[64];
    const char *id = client_id;
    if (!id) { snprintf(generated, sizeof generated, "%s-%s-%d", tool, role, (int)getpid()); id = generated; }
    struct mosquitto *mosq = mosquitto_new(id, clean_session, NULL);
    if (!mosq) { perror("mosquitto_new"); exit(1); }
    mosquitto_int_option(mosq, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V311);
    mosquitto_int_option(mosq, MOSQ_OPT_TCP_NODELAY, 1);
    mosquitto_connect_callback_set(mosq, on_connect);
    mosquitto_disconnect_callback_set(mosq, on_disconnect);
    mosquitto_subscribe_callback_set(mosq, on_subscribe);
    return mosq;
}

/// Connects, starts the network thread and waits (up to 30 s) for CONNACK.
static inline void connect_and_start(struct mosquitto *mosq, const char *tool, const char *host, int port, int keepalive) {
    int rc = mosquitto_connect(mosq, host, port, keepalive);
    if (rc != MOSQ_ERR_SUCCESS) {
        fprintf(stderr, "%s: cannot connect to %s:%d: %s\n", tool, host, port,
                rc == MOSQ_ERR_ERRNO ? strerror(errno) : mosquitto_strerror(rc));
        exit(1);
    }
    rc = mosquitto_loop_start(mosq);
    if (rc != MOSQ_ERR_SUCCESS) { fprintf(stderr, "%s: mosquitto_loop_start: %s\n", tool, mosquitto_strerror(rc)); exit(1); }
    struct timespec deadline;
    deadline_in(&deadline, 30);
    pthread_mutex_lock(&lock);
    while (!connection.connected && connection.connect_result == 0) {
        if (pthread_cond_timedwait(&changed, &lock, &deadline) == ETIMEDOUT) { fprintf(stderr, "%s: no CONNACK within 30 s\n", tool); exit(1); }
    }
    if (connection.connect_result != 0) { fprintf(stderr, "%s: connection refused: %s\n", tool, mosquitto_connack_string(connection.connect_result)); exit(1); }
    pthread_mutex_unlock(&lock);
}

/// Subscribes to `topic` and waits (up to 30 s) for the SUBACK, then creates `ready_file` (unless
/// NULL): from then on the broker forwards what is published, so a script can start publishing.
static inline void subscribe_and_wait(struct mosquitto *mosq, const char *tool, const char *topic, int qos, const char *ready_file) {
    int rc = mosquitto_subscribe(mosq, NULL, topic, qos);
    if (rc != MOSQ_ERR_SUCCESS) { fprintf(stderr, "%s: subscribe: %s\n", tool, mosquitto_strerror(rc)); exit(1); }
    struct timespec deadline;
    deadline_in(&deadline, 30);
    pthread_mutex_lock(&lock);
    while (!connection.subscribed) {
        if (pthread_cond_timedwait(&changed, &lock, &deadline) == ETIMEDOUT) { fprintf(stderr, "%s: no SUBACK within 30 s\n", tool); exit(1); }
    }
    pthread_mutex_unlock(&lock);
    if (ready_file) {
        FILE *ready = fopen(ready_file, "w");
        if (!ready) { perror(ready_file); exit(1); }
        fclose(ready);
    }
}

static inline void stop_client(struct mosquitto *mosq) {
    mosquitto_disconnect(mosq);
    mosquitto_loop_stop(mosq, false);
    mosquitto_destroy(mosq);
}

#endif
