/* samples.h - what the bench helpers (timeit, qlat, fts5) share: a
 * monotonic clock and the quantiles of timed samples. Header-only: each
 * helper is one file compiled by bench/run. */
#ifndef HRI_BENCH_SAMPLES_H
#define HRI_BENCH_SAMPLES_H

#include <stddef.h>
#include <time.h>

/* Seconds since an arbitrary start, monotonic. */
static inline double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* qsort order for doubles. */
static inline int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The value at quantile q (0..1) of n sorted samples, nearest rank. */
static inline double
quantile(const double *v, size_t n, double q)
{
	size_t i = (size_t)(q * n + 0.999999);

	if (i < 1)
		i = 1;
	if (i > n)
		i = n;
	return v[i - 1];
}

#endif
