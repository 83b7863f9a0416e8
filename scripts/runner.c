/* Runs a command RUNS times as a whole process and prints, on one line: the median wall
 * time in ms, the median CPU time (user + system) in ms, the largest peak resident set in
 * KB, and the last exit code. Written in C so that the measuring process is small: a
 * child's peak memory counts the pages of the process that forked it, so a Python parent
 * would add its own.
 *
 * Usage: runner RUNS COMMAND [ARG...]   (stdin, stdout and stderr go to /dev/null) */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: runner RUNS COMMAND [ARG...]\n");
        return 2;
    }
    int runs = atoi(argv[1]);
    if (runs < 1) runs = 1;
    double *walls = calloc(runs, sizeof *walls), *cpus = calloc(runs, sizeof *cpus);
    long peak = 0;
    int code = -1;
    for (int i = 0; i < runs; i++) {
        struct timespec start, end;
        clock_gettime(CLOCK_MONOTONIC, &start);
        pid_t pid = fork();
        if (pid == 0) {
            int null = open("/dev/null", O_RDWR);
            dup2(null, 0);
            dup2(null, 1);
            dup2(null, 2);
            execvp(argv[2], argv + 2);
            _exit(127);
        }
        int status;
        struct rusage usage;
        wait4(pid, &status, 0, &usage);
        clock_gettime(CLOCK_MONOTONIC, &end);
        walls[i] = (end.tv_sec - start.tv_sec) * 1e3 + (end.tv_nsec - start.tv_nsec) / 1e6;
        cpus[i] = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
                  (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
        if (usage.ru_maxrss > peak) peak = usage.ru_maxrss;
        code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    qsort(walls, runs, sizeof *walls, by_value);
    qsort(cpus, runs, sizeof *cpus, by_value);
    printf("%.3f %.3f %ld %d\n", walls[runs / 2], cpus[runs / 2], peak, code);
    return 0;
}
