#pragma once
// Closed-form queueing results the simulation is checked against (tests/engine/tst_theory.cpp) and
// drawn beside (the window's latency chart): M/M/c through Erlang C, M/M/1 as its c = 1 case, and
// M/D/1 and M/G/1 through Pollaczek–Khinchine. Rates per second, times in seconds; every formula needs a
// stable queue (λ < cμ) and returns +infinity otherwise.
namespace es::theory {

// The chance that an arrival has to wait in an M/M/c queue with offered load a = λ/μ.
double erlangC(int c, double lambda, double mu);
// Mean wait in the queue, Wq = C(c, a) / (cμ − λ); for c = 1, ρ / (μ − λ).
double mmcMeanWait(int c, double lambda, double mu);
// Mean wait in the queue of an M/D/1 with service time d: Wq = ρ d / (2 (1 − ρ)), ρ = λ d.
double md1MeanWait(double lambda, double d);
// Mean wait in the queue of an M/G/1 (Pollaczek–Khinchine): Wq = λ E[S²] / (2 (1 − ρ)), ρ = λ E[S];
// M/M/1 (E[S²] = 2 E[S]²) and M/D/1 (E[S]²) are its special cases.
double mg1MeanWait(double lambda, double meanService, double secondMoment);

} // namespace es::theory
