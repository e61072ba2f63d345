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

// The chance that the time in an M/M/c system (FCFS: wait, then the event's own service) is over t:
// (1 − C) e^(−μt) + C · P(Exp(θ) + Exp(μ) > t) with θ = cμ − λ, since the wait is 0 with chance
// 1 − C and else Exp(θ), independent of the service. 1 for an unstable queue.
double mmcSojournExceeds(int c, double lambda, double mu, double t);
// Its p-quantile (0 < p < 1), by bisection on the closed form to 1e-9 relative; +infinity when unstable.
double mmcSojournQuantile(int c, double lambda, double mu, double p);

} // namespace es::theory
