/*
 * The engine's per-access model in C, for the benchmark's reference ratio: the same TLB
 * (L1 4 KiB 64x4, STLB 1536x12, true LRU by stamps), the same flat page table with PTEs and
 * ground-truth counters interleaved, the Accessed bit set only on walks, the same Zipf
 * quantile-table sampler. Prints accesses per second for a 16 GiB populated buffer.
 * Usage: model <zipf_s> <accesses>
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PAGES (4u << 20)
#define Q 65536
static uint32_t pt[(PAGES / 8) * 12]; /* groups of 8 PTEs + 8 u16 counters */
typedef struct { int32_t tag[1536]; int32_t data[1536]; double lru[1536]; int ways, mask; } level_t;
static level_t l1, l2;
static double stamp;

static uint32_t a, b, c, d;
static uint32_t sfc32(void) {
	uint32_t t = a + b + d; d++; a = b ^ (b >> 9); b = c + (c << 3); c = (c << 21) | (c >> 11); c += t; return t;
}
static int lookup(level_t *l, int32_t tag, int set) {
	for (int i = set * l->ways; i < set * l->ways + l->ways; i++)
		if (l->tag[i] == tag) { l->lru[i] = ++stamp; return i; }
	return -1;
}
static int fill(level_t *l, int32_t tag, int set, int32_t data) {
	int v = set * l->ways; double old = l->lru[v];
	for (int i = v + 1; i < set * l->ways + l->ways; i++) if (l->lru[i] < old) { old = l->lru[i]; v = i; }
	l->tag[v] = tag; l->data[v] = data; l->lru[v] = ++stamp; return v;
}
static inline uint32_t pte_idx(uint32_t gi) { return (gi >> 3) * 12 + (gi & 7); }
static inline uint32_t truth_idx(uint32_t gi) { return (gi >> 3) * 24 + 16 + (gi & 7); }

int main(int argc, char **argv) {
	double s = argc > 1 ? atof(argv[1]) : 0.99;
	long n = argc > 2 ? atol(argv[2]) : 50000000;
	static double t[Q + 1];
	double lo = 0.5, hi = PAGES + 0.5;
	if (fabs(s - 1) < 1e-9) for (int i = 0; i <= Q; i++) t[i] = lo * exp((double)i / Q * log(hi / lo));
	else { double e = 1 - s, la = pow(lo, e), ha = pow(hi, e); for (int i = 0; i <= Q; i++) t[i] = pow(la + (double)i / Q * (ha - la), 1 / e); }
	l1.ways = 4; l1.mask = 15; l2.ways = 12; l2.mask = 127;
	for (int i = 0; i < 1536; i++) { l1.tag[i] = l2.tag[i] = -1; l1.lru[i] = l2.lru[i] = -1; }
	for (uint32_t p = 0; p < PAGES; p++) pt[pte_idx(p)] = (1u << 24) | (1u << 27) | p; /* present, write */
	a = 1; b = 2; c = 3; d = 1;
	uint16_t *truth = (uint16_t *)pt;
	struct timespec t0, t1; clock_gettime(CLOCK_MONOTONIC, &t0);
	long walks = 0;
	for (long i = 0; i < n; i++) {
		uint32_t u = sfc32();
		double x0 = t[u >> 16], x = x0 + (double)(u & 0xffff) / Q * (t[(u >> 16) + 1] - x0);
		int64_t r = (int64_t)floor(x + 0.5) - 1; if (r < 0) r = 0; if (r >= PAGES) r = PAGES - 1;
		uint32_t vpn = (uint32_t)r, gi;
		int e = lookup(&l1, (int32_t)vpn, vpn & l1.mask);
		if (e >= 0) gi = l1.data[e];
		else {
			e = lookup(&l2, (int32_t)vpn, vpn & l2.mask);
			if (e >= 0) gi = l2.data[e];
			else { walks++; gi = vpn; pt[pte_idx(gi)] |= 1u << 25; fill(&l2, (int32_t)vpn, vpn & l2.mask, gi); }
			fill(&l1, (int32_t)vpn, vpn & l1.mask, gi);
		}
		if (truth[truth_idx(gi)] != 65535) truth[truth_idx(gi)]++;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double sec = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("%.0f %.4f\n", n / sec, (double)walks / n);
	return 0;
}
