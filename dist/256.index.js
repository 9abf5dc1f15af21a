export const id = 256;
export const ids = [256];
export const modules = {

/***/ 7511:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  W: () => (/* binding */ bake)
});

// UNUSED EXPORTS: MAX_READ_FAILURES

// EXTERNAL MODULE: ./src/steps/timeline.ts
var timeline = __webpack_require__(8208);
// EXTERNAL MODULE: ./src/core/duration.ts
var duration = __webpack_require__(8571);
// EXTERNAL MODULE: ./src/core/gate.ts
var gate = __webpack_require__(4888);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/steps/alarm-gate.ts
var alarm_gate = __webpack_require__(4848);
// EXTERNAL MODULE: ./src/core/stage.ts
var stage = __webpack_require__(41);
;// CONCATENATED MODULE: ./src/core/judge-types.ts
const DEFAULT_JUDGE_SETTINGS = {
    max5xxIncrease: 0.5,
    max4xxIncrease: 1,
    confidence: 95,
    maxLatencyIncrease: 20,
    minCanaryRequests: 200,
    minMinutes: 5
};

;// CONCATENATED MODULE: ./src/core/analysis.ts

/** A minute's datapoints are published about a minute after it ends (docs/canary-analysis.md). */
const PUBLICATION_DELAY_MS = 60_000;
const MINUTE = 60_000;
/**
 * The minutes to judge at `now`: from the bake's first minute to the last
 * one that is complete and published (`end` exclusive). Undefined while there
 * is none.
 */
function analysisWindow(bakeStart, now) {
    const start = Math.floor(bakeStart / MINUTE) * MINUTE;
    const end = Math.floor((now - PUBLICATION_DELAY_MS) / MINUTE) * MINUTE;
    return end > start ? { start: new Date(start), end: new Date(end) } : undefined;
}
function judgeSettings(cfg) {
    return {
        ...DEFAULT_JUDGE_SETTINGS,
        max5xxIncrease: cfg.max5xxIncrease,
        max4xxIncrease: cfg.max4xxIncrease,
        confidence: cfg.analysisConfidence,
        maxLatencyIncrease: cfg.maxLatencyIncrease,
        minCanaryRequests: cfg.minCanaryRequests
    };
}
/** Pure: per-minute 5XX rate and p99 of both sides, for the summary's chart. */
function chartPoints(stable, canary) {
    const points = new Map();
    const at = (t) => points.get(t) ?? points.set(t, { time: t }).get(t);
    const rates = (side, key) => {
        const errors = new Map(side.errors5xx.map((p) => [p.time, p.value]));
        for (const c of side.count)
            if (c.value > 0)
                at(c.time)[key] = ((errors.get(c.time) ?? 0) / c.value) * 100;
    };
    rates(stable, 'stable5xx');
    rates(canary, 'canary5xx');
    for (const p of stable.latencyP99)
        at(p.time).stableP99 = p.value;
    for (const p of canary.latencyP99)
        at(p.time).canaryP99 = p.value;
    return [...points.values()].sort((a, b) => a.time - b.time);
}
const fmt = (m) => `  ${m.metric}: ${m.outcome}${m.confidence !== undefined ? ` (${m.confidence.toFixed(1)}% sure it is worse)` : ''}: ${m.why}`;
/** Pure: the judge's lines for the log. */
function verdictLines(v, window, canaryStage) {
    const span = `${window.start.toISOString().slice(11, 16)}–${window.end.toISOString().slice(11, 16)} UTC`;
    return [
        `Canary analysis (Stage=${canaryStage}, ${span}, ${v.minutes} minutes, ${v.canaryRequests} canary requests): ${v.outcome}: ${v.why}`,
        ...v.metrics.map(fmt)
    ];
}

// EXTERNAL MODULE: ./node_modules/@stdlib/stats-base-dists-normal-cdf/lib/index.js
var lib = __webpack_require__(2484);
var lib_default = /*#__PURE__*/__webpack_require__.n(lib);
;// CONCATENATED MODULE: ./src/core/judge-stats.ts
/**
 * The two tests the canary judge uses, on plain numbers (no I/O):
 *
 * - `rateIncreaseTest`: Farrington–Manning score test that one proportion
 *   exceeds another by more than a margin (one-sided, non-zero margin allowed);
 * - `mannWhitneyGreater`: Mann–Whitney U, one-sided, normal approximation with
 *   tie and continuity correction (as scipy's `method="asymptotic"`).
 *
 * The normal distribution comes from @stdlib (double precision, via erfc).
 * docs/canary-analysis.md says why these tests and how they were checked.
 */

/** P(Z > z) for a standard normal Z; exact 0/1 at the infinities. */
function upperTail(z) {
    if (z === Infinity)
        return 0;
    if (z === -Infinity)
        return 1;
    return lib_default()(-z, 0, 1);
}
/**
 * The maximum-likelihood proportions under H0: p1 - p2 = delta (Farrington &
 * Manning 1990, closed form of the cubic from Miettinen & Nurminen 1985).
 */
function restrictedMle(p1, n1, p2, n2, delta) {
    if (delta === 0) {
        const pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
        return [pooled, pooled];
    }
    const theta = n2 / n1;
    const a = 1 + theta;
    const b = -(1 + theta + p1 + theta * p2 + delta * (theta + 2));
    const c = delta * delta + delta * (2 * p1 + theta + 1) + p1 + theta * p2;
    const d = -p1 * delta * (1 + delta);
    const v = b ** 3 / (27 * a ** 3) - (b * c) / (6 * a * a) + d / (2 * a);
    const u = Math.sign(v) * Math.sqrt(Math.max(0, (b * b) / (9 * a * a) - c / (3 * a)));
    let r1;
    if (u === 0) {
        r1 = -b / (3 * a);
    }
    else {
        const cosArg = Math.min(1, Math.max(-1, v / u ** 3));
        const w = (Math.PI + Math.acos(cosArg)) / 3;
        r1 = 2 * u * Math.cos(w) - b / (3 * a);
    }
    // Rounding can step a hair outside the parameter space: keep p1 in [delta, 1].
    r1 = Math.min(1, Math.max(delta, r1));
    return [r1, r1 - delta];
}
/**
 * One-sided score test of H0: p1 - p2 <= margin against H1: p1 - p2 > margin,
 * where p1 is the first (canary) side. `margin` is a proportion in [0, 1).
 * Both sides must have at least one trial.
 */
function rateIncreaseTest(first, second, margin) {
    const { events: x1, total: n1 } = first;
    const { events: x2, total: n2 } = second;
    if (!(n1 > 0 && n2 > 0))
        throw new RangeError('both sides need at least one trial');
    if (!(margin >= 0 && margin < 1))
        throw new RangeError('margin must be in [0, 1)');
    const p1 = x1 / n1;
    const p2 = x2 / n2;
    const diff = p1 - p2 - margin;
    const [r1, r2] = restrictedMle(p1, n1, p2, n2, margin);
    const variance = (r1 * (1 - r1)) / n1 + (r2 * (1 - r2)) / n2;
    if (!(variance > 0)) {
        // Only with margin 0 and no events (or only events) on both sides: no evidence either way.
        const z = diff > 0 ? Infinity : diff < 0 ? -Infinity : 0;
        return { z, pValue: diff > 0 ? 0 : 1 };
    }
    const z = diff / Math.sqrt(variance);
    return { z, pValue: upperTail(z) };
}
/** Ranks (1-based) with ties given their average rank, and the tie groups' sizes. */
function averageRanks(values) {
    const order = values.map((v, i) => [v, i]).sort((a, b) => a[0] - b[0]);
    const ranks = new Array(values.length);
    const ties = [];
    for (let i = 0; i < order.length;) {
        let j = i;
        while (j + 1 < order.length && order[j + 1][0] === order[i][0])
            j++;
        const avg = (i + j + 2) / 2;
        for (let k = i; k <= j; k++)
            ranks[order[k][1]] = avg;
        if (j > i)
            ties.push(j - i + 1);
        i = j + 1;
    }
    return { ranks, ties };
}
/**
 * Mann–Whitney U test that values of `first` tend to be larger than those of
 * `second` (one-sided). Normal approximation with tie correction and a 0.5
 * continuity correction. Both samples must be non-empty.
 */
function mannWhitneyGreater(first, second) {
    const n1 = first.length;
    const n2 = second.length;
    if (n1 === 0 || n2 === 0)
        throw new RangeError('both samples need at least one value');
    const { ranks, ties } = averageRanks([...first, ...second]);
    const r1 = ranks.slice(0, n1).reduce((s, r) => s + r, 0);
    const u = r1 - (n1 * (n1 + 1)) / 2;
    const n = n1 + n2;
    const tieTerm = ties.reduce((s, t) => s + t ** 3 - t, 0) / (n * (n - 1));
    const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm));
    if (!(sigma > 0))
        return { u, z: 0, pValue: 1 };
    const z = (u - (n1 * n2) / 2 - 0.5) / sigma;
    return { u, z, pValue: upperTail(z) };
}

;// CONCATENATED MODULE: ./src/core/judge.ts
/**
 * The canary judge: canary against stable over a bake window, metric by
 * metric, with a statistical test each, and an overall verdict. Pure: it takes
 * per-minute series (as GetMetricData answers them, see metric-queries.ts) and
 * settings, and returns what it decided and why. docs/canary-analysis.md
 * explains the tests, the defaults and how the stage's own metrics are used.
 */



/** A metric's judgement from a test: fail when `worse`, with the test's confidence. */
function tested(metric, worse, stable, canary, pValue, why) {
    return {
        metric,
        outcome: worse ? 'fail' : 'pass',
        stable,
        canary,
        difference: canary - stable,
        pValue,
        confidence: (1 - pValue) * 100,
        why
    };
}
const sum = (s) => s.reduce((a, p) => a + p.value, 0);
function median(values) {
    const v = [...values].sort((a, b) => a - b);
    const m = v.length >> 1;
    return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}
/** Per minute, stage minus canary (never below 0); minutes the canary lacks count whole. */
function subtractSeries(stage, canary) {
    const byMinute = new Map(canary.map((p) => [p.time, p.value]));
    return stage.map((p) => ({
        time: p.time,
        value: Math.max(0, p.value - (byMinute.get(p.time) ?? 0))
    }));
}
const pct = (r) => `${(r * 100).toFixed(2)}%`;
const fmtP = (p) => (p < 0.0001 ? 'p<0.0001' : `p=${p.toFixed(4)}`);
const fmtNum = (n) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
function judgeRate(metric, errors, requests, marginPoints, alpha) {
    if (requests.stable <= 0 || requests.canary <= 0) {
        return {
            metric,
            outcome: 'inconclusive',
            why: `no ${requests.stable <= 0 ? 'stable' : 'canary'} requests to compare`
        };
    }
    // Datapoints of errors without matching requests (clock skew between series) cannot exceed the requests.
    const ce = Math.min(errors.canary, requests.canary);
    const se = Math.min(errors.stable, requests.stable);
    const c = ce / requests.canary;
    const s = se / requests.stable;
    const t = rateIncreaseTest({ events: ce, total: requests.canary }, { events: se, total: requests.stable }, marginPoints / 100);
    const worse = t.pValue < alpha;
    const head = `canary ${pct(c)} (${ce}/${requests.canary}) vs stable ${pct(s)} (${se}/${requests.stable})`;
    return tested(metric, worse, s, c, t.pValue, worse
        ? `${head}: more than ${marginPoints} points above (${fmtP(t.pValue)})`
        : `${head}: not shown to be more than ${marginPoints} points above (${fmtP(t.pValue)})`);
}
/**
 * Per-minute values compared with a one-sided Mann-Whitney U test, plus the
 * allowed change of the canary's median minute against the stable's: a metric
 * fails only when both say worse.
 */
function judgeSeries(metric, stable, canary, direction, maxChangePercent, alpha, minMinutes, note = '') {
    const s = stable.map((p) => p.value).filter(Number.isFinite);
    const c = canary.map((p) => p.value).filter(Number.isFinite);
    if (s.length < minMinutes || c.length < minMinutes) {
        return {
            metric,
            outcome: 'inconclusive',
            ...(s.length ? { stable: median(s) } : {}),
            ...(c.length ? { canary: median(c) } : {}),
            why: `${Math.min(s.length, c.length)} minutes of data, ${minMinutes} needed`
        };
    }
    const ms = median(s);
    const mc = median(c);
    const higherWorse = direction === 'higher-is-worse';
    const t = higherWorse ? mannWhitneyGreater(c, s) : mannWhitneyGreater(s, c);
    // Change in the worse direction, in percent of the stable median; a zero baseline counts any worsening as unbounded.
    const worsening = higherWorse ? mc - ms : ms - mc;
    const change = ms !== 0 ? (worsening / Math.abs(ms)) * 100 : worsening > 0 ? Infinity : 0;
    const significant = t.pValue < alpha;
    const beyond = change > maxChangePercent;
    const worse = significant && beyond;
    const changeText = Number.isFinite(change)
        ? `${change >= 0 ? '+' : ''}${change.toFixed(1)}%`
        : 'from 0';
    const head = `canary median minute ${fmtNum(mc)} vs stable ${fmtNum(ms)} (${higherWorse ? '' : 'lower is worse, '}${changeText} worse, ${maxChangePercent}% allowed, ${fmtP(t.pValue)})`;
    return tested(metric, worse, ms, mc, t.pValue, `${head}: ${worse ? 'worse' : !significant ? 'not significantly worse' : 'within the allowance'}${note}`);
}
/** Pure: the judge's verdict on the window the series cover. */
function judgeCanary(input, settings = DEFAULT_JUDGE_SETTINGS) {
    const alpha = 1 - settings.confidence / 100;
    const { canary } = input;
    const stableOnly = (pick) => input.stageIncludesCanary
        ? subtractSeries(pick(input.stable), pick(canary))
        : pick(input.stable);
    const requests = { canary: sum(canary.count), stable: sum(stableOnly((s) => s.count)) };
    const minutes = canary.count.filter((p) => p.value > 0).length;
    const rate = (metric, pick, margin) => judgeRate(metric, { canary: sum(pick(canary)), stable: sum(stableOnly(pick)) }, requests, margin, alpha);
    const note = input.stageIncludesCanary ? ' (baseline: the whole stage, canary included)' : '';
    const latency = (metric, pick) => judgeSeries(metric, pick(input.stable), pick(canary), 'higher-is-worse', settings.maxLatencyIncrease, alpha, settings.minMinutes, note);
    const metrics = [
        rate('5XX rate', (s) => s.errors5xx, settings.max5xxIncrease),
        rate('4XX rate', (s) => s.errors4xx, settings.max4xxIncrease),
        latency('Latency p50', (s) => s.latencyP50),
        latency('Latency p95', (s) => s.latencyP95),
        latency('Latency p99', (s) => s.latencyP99),
        latency('IntegrationLatency p99', (s) => s.integrationLatencyP99),
        ...(input.kpis ?? []).map((k) => judgeSeries(k.name, k.stable, k.canary, k.direction, k.maxChangePercent ?? 10, alpha, settings.minMinutes))
    ];
    const short = [];
    if (requests.canary < settings.minCanaryRequests) {
        short.push(`${requests.canary} canary requests, ${settings.minCanaryRequests} needed`);
    }
    if (minutes < settings.minMinutes)
        short.push(`${minutes} minutes of canary data, ${settings.minMinutes} needed`);
    if (short.length > 0) {
        // Too little canary traffic to judge: every test is reported, none decides.
        for (const m of metrics)
            m.outcome = 'inconclusive';
        return {
            outcome: 'inconclusive',
            metrics,
            canaryRequests: requests.canary,
            minutes,
            why: short.join('; ')
        };
    }
    const failed = metrics.filter((m) => m.outcome === 'fail');
    const open = metrics.filter((m) => m.outcome === 'inconclusive');
    const outcome = failed.length ? 'fail' : open.length ? 'inconclusive' : 'pass';
    const why = outcome === 'fail'
        ? `worse: ${failed.map((m) => m.metric).join(', ')}`
        : outcome === 'inconclusive'
            ? `not enough data for ${open.map((m) => m.metric).join(', ')}`
            : `no metric worse at ${settings.confidence}% confidence`;
    return { outcome, metrics, canaryRequests: requests.canary, minutes, why };
}
/**
 * Pure: what to do with a verdict under `on-inconclusive`. `extend` bakes
 * again while extensions remain, then fails: an unjudged canary is not promoted.
 */
function decide(verdict, policy, extensionsUsed, maxExtensions) {
    if (verdict.outcome !== 'inconclusive')
        return verdict.outcome;
    if (policy !== 'extend')
        return policy;
    return extensionsUsed < maxExtensions ? 'extend' : 'fail';
}
/**
 * Pure: whether the stage's Count includes the canary's requests, from one
 * window's totals at a known canary percentage. Under "includes", canary ~
 * Binomial(stage, p); under "excludes", canary ~ Binomial(stage + canary, p).
 * Undecided (undefined) unless the data fit one model and clearly not the other.
 */
function inferStageIncludesCanary(stageRequests, canaryRequests, percentTraffic) {
    const p = percentTraffic / 100;
    if (!(p > 0 && p < 1) || canaryRequests <= 0 || stageRequests <= 0)
        return undefined;
    if (canaryRequests > stageRequests)
        return false;
    const z = (n) => Math.abs(canaryRequests - n * p) / Math.sqrt(n * p * (1 - p));
    const zIn = z(stageRequests);
    const zEx = z(stageRequests + canaryRequests);
    if (zIn < 3 && zEx > 5)
        return true;
    if (zEx < 3 && zIn > 5)
        return false;
    return undefined;
}

;// CONCATENATED MODULE: ./src/steps/canary-analysis.ts




const canary_analysis_sum = (s) => s.reduce((a, p) => a + p.value, 0);
/**
 * The canary analysis of one bake (analysis: report or gate): the metrics read
 * at most once a minute and once at the end, judged over the bake's complete
 * minutes, the verdict logged and kept in the report. With `gate`, a failing
 * verdict is returned for the bake to answer like an alarm (actOnAlarm), and
 * an inconclusive one at the end follows `on-inconclusive`. Undefined when
 * the analysis is off or there is nothing to judge.
 */
function startAnalysis(ctx, percent, bakeStart, durationMs) {
    const { cfg, log, report } = ctx;
    if (cfg.analysisMode === 'off' || !ctx.readMetricData || percent <= 0 || report.dryRun)
        return;
    const mode = cfg.analysisMode;
    const read = ctx.readMetricData;
    const settings = judgeSettings(cfg);
    const bake = { percent, reads: 0, calls: 0, billedMetrics: 0 };
    /** The end of the last window read: a new read waits for a new complete minute. */
    let lastEnd = -Infinity;
    let lastVerdict;
    let extensions = 0;
    let judgedFinal = false;
    const judge = async (now) => {
        const window = analysisWindow(bakeStart, now);
        if (!window)
            return undefined;
        let m;
        try {
            m = await read({ window, kpis: cfg.analysisMetrics }, ctx.signal);
        }
        catch (err) {
            if (ctx.signal.aborted)
                throw ctx.signal.reason;
            log.warning(`Canary analysis: the metrics could not be read: ${(0,errors/* errorMessage */.gJ)(err)}`);
            return undefined;
        }
        bake.reads++;
        bake.calls += m.calls;
        bake.billedMetrics += m.billedMetrics;
        const includes = inferStageIncludesCanary(canary_analysis_sum(m.stable.count), canary_analysis_sum(m.canary.count), percent) ?? false;
        const verdict = judgeCanary({ stable: m.stable, canary: m.canary, stageIncludesCanary: includes, kpis: m.kpis }, settings);
        const bakes = (report.analysis?.bakes ?? []).filter((b) => b !== bake);
        const previous = report.analysis;
        report.analysis = {
            mode,
            outcome: verdict.outcome,
            decision: undefined,
            verdict,
            window: { start: window.start.toISOString(), end: window.end.toISOString() },
            apiName: m.apiName,
            canaryStage: m.canaryStage,
            percent,
            confidence: settings.confidence,
            bakes: [...bakes, bake],
            billedMetrics: (previous?.billedMetrics ?? 0) + m.billedMetrics,
            chart: chartPoints(m.stable, m.canary)
        };
        for (const line of verdictLines(verdict, window, m.canaryStage))
            log.info(line);
        return verdict;
    };
    return {
        async poll(now, final) {
            if (judgedFinal)
                return undefined;
            // At most once a minute: when a new minute is complete and published, and at the end.
            const end = analysisWindow(bakeStart, now)?.end.getTime() ?? -Infinity;
            if (!final && end <= lastEnd)
                return undefined;
            // The end's verdict: the last one when no minute was published since (no second read of the same window).
            const verdict = end > lastEnd || !lastVerdict ? await judge(now) : lastVerdict;
            lastEnd = Math.max(lastEnd, end);
            lastVerdict = verdict;
            if (final)
                judgedFinal = true;
            if (mode === 'report')
                return undefined;
            if (verdict?.outcome === 'fail') {
                report.analysis.decision = 'fail';
                return {
                    action: 'fail',
                    reason: `canary analysis failed at ${(0,stage/* pct */.Oe)(percent)}: ${verdict.why}`
                };
            }
            if (!final) {
                // Baking on after an inconclusive end: a pass ends the bake.
                if (extensions > 0 && verdict?.outcome === 'pass') {
                    report.analysis.decision = 'pass';
                    return { action: 'done' };
                }
                return undefined;
            }
            const outcome = verdict?.outcome ?? 'inconclusive';
            const d = decide({ outcome }, cfg.onInconclusive, extensions, 1);
            const until = bakeStart + (cfg.maxBakeTimeMs ?? 2 * durationMs);
            if (report.analysis)
                report.analysis.decision = d;
            if (d === 'extend' && until > now) {
                extensions++;
                judgedFinal = false;
                log.info(`Canary analysis inconclusive (${verdict?.why ?? 'no complete minute of metrics yet'}): baking on, judging every minute, until ${new Date(until).toISOString()} (max-bake-time).`);
                return { action: 'extend', until };
            }
            if (d === 'pass')
                return undefined;
            if (report.analysis)
                report.analysis.decision = 'fail';
            const why = verdict?.why ?? 'no complete minute of metrics';
            return {
                action: 'fail',
                reason: extensions > 0 || cfg.onInconclusive === 'extend'
                    ? `canary analysis still inconclusive at max-bake-time (${(0,stage/* pct */.Oe)(percent)}): ${why}`
                    : `canary analysis inconclusive at ${(0,stage/* pct */.Oe)(percent)} (on-inconclusive: fail): ${why}`
            };
        }
    };
}

;// CONCATENATED MODULE: ./src/steps/bake.ts







/** Whole seconds for poll lines (timer jitter would otherwise print 999ms). */
const seconds = (ms) => (0,duration/* formatDuration */.a)(Math.max(0, Math.round(ms / 1000)) * 1000).replace(/^0ms$/, '0s');
/** Consecutive failed alarm reads that count as an unhealthy canary (fail closed). */
const MAX_READ_FAILURES = 3;
/**
 * Watches the alarms for `durationMs` at `percent` canary traffic: a read at
 * the start, then every poll interval on a fixed schedule (so a slow read does
 * not push the next one back), and a last one when the time is up. Stops at
 * the first gating alarm, or after three failed reads in a row. A bake is clean
 * only if its last read succeeded: when the time is up on a failed read it
 * reads on. Cancellation (ctx.signal) interrupts the wait at once.
 */
async function bake(ctx, durationMs, percent) {
    const { clock, cfg, log } = ctx;
    const interval = cfg.pollIntervalMs;
    const start = clock.now();
    let deadline = start + durationMs;
    const analysis = startAnalysis(ctx, percent, start, durationMs);
    let failures = 0;
    let lastReadOk = false;
    let overtime = false;
    (0,timeline/* mark */.G)(ctx, 'bake-start', `bake ${(0,duration/* formatDuration */.a)(durationMs)} at ${(0,stage/* pct */.Oe)(percent)}`, percent);
    log.info(`Baking ${(0,duration/* formatDuration */.a)(durationMs)} at ${(0,stage/* pct */.Oe)(percent)}, polling every ${(0,duration/* formatDuration */.a)(interval)}` +
        (ctx.readAlarms
            ? ''
            : analysis
                ? ' (no alarms configured: only the canary analysis watches)'
                : ' (no alarms configured: nothing is watched)'));
    for (let poll = 1;; poll++) {
        const now = clock.now();
        const head = `[poll ${poll}] ${seconds(now - start)} elapsed, ${seconds(deadline - now)} left, canary ${(0,stage/* pct */.Oe)(percent)}`;
        if (ctx.readAlarms) {
            try {
                const verdict = (0,alarm_gate/* noteAlarms */.zO)(ctx, await ctx.readAlarms(ctx.signal));
                failures = 0;
                lastReadOk = true;
                const states = (ctx.report.alarms ?? []).map((a) => `${a.name}=${a.state}`).join(' ');
                log.info(`${head}: ${states}`);
                if (!verdict.pass) {
                    const reason = `alarm during bake at ${(0,stage/* pct */.Oe)(percent)}: ${(0,gate/* describeBlocking */.V5)(verdict.blocking)}`;
                    (0,timeline/* mark */.G)(ctx, 'alarm', reason, percent);
                    return { verdict: 'alarm', reason, polls: poll };
                }
            }
            catch (err) {
                if (ctx.signal.aborted)
                    throw ctx.signal.reason;
                failures++;
                lastReadOk = false;
                log.warning(`${head}: alarm read failed (${failures}/${MAX_READ_FAILURES}): ${(0,errors/* errorMessage */.gJ)(err)}`);
                if (failures >= MAX_READ_FAILURES) {
                    const reason = `unhealthy: the alarms could not be read ${MAX_READ_FAILURES} times in a row (${(0,errors/* errorMessage */.gJ)(err)})`;
                    (0,timeline/* mark */.G)(ctx, 'unhealthy', reason, percent);
                    return { verdict: 'unhealthy', reason, polls: poll };
                }
            }
        }
        else {
            log.info(head);
        }
        // The canary analysis (canary-analysis.ts): a failing verdict under `gate` is answered like an alarm.
        const judged = await analysis?.poll(clock.now(), clock.now() >= deadline);
        if (judged?.action === 'fail') {
            (0,timeline/* mark */.G)(ctx, 'alarm', judged.reason, percent);
            return { verdict: 'analysis', reason: judged.reason, polls: poll };
        }
        if (judged?.action === 'extend')
            deadline = judged.until;
        const after = clock.now();
        if (after >= deadline || judged?.action === 'done') {
            // Clean means the alarms were read at the end. If the last read failed,
            // read on (fail closed) until one succeeds or MAX_READ_FAILURES fail in a row.
            if (!ctx.readAlarms || lastReadOk) {
                (0,timeline/* mark */.G)(ctx, 'bake-clean', `baked ${(0,duration/* formatDuration */.a)(durationMs)} at ${(0,stage/* pct */.Oe)(percent)} with no alarm`, percent);
                return { verdict: 'clean', reason: '', polls: poll };
            }
            if (!overtime) {
                overtime = true;
                log.warning(`The bake's time is up but its last alarm read failed: reading on every ${(0,duration/* formatDuration */.a)(interval)} until one succeeds or ${MAX_READ_FAILURES} fail in a row.`);
            }
        }
        // Next slot on the fixed schedule; slots a slow read overran are skipped, not bunched.
        const nextSlot = start + (Math.floor((after - start) / interval) + 1) * interval;
        const nextAt = after < deadline ? Math.min(nextSlot, deadline) : nextSlot;
        await ctx.sleep(Math.max(0, nextAt - after), ctx.signal);
    }
}


/***/ }),

/***/ 468:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GE: () => (/* binding */ loadCanaryCommit),
/* harmony export */   MH: () => (/* binding */ requireCanary),
/* harmony export */   Wi: () => (/* binding */ describeCanary),
/* harmony export */   kZ: () => (/* binding */ requireOwnCanary),
/* harmony export */   xk: () => (/* binding */ loadStage)
/* harmony export */ });
/* harmony import */ var _core_description_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2817);
/* harmony import */ var _core_stage_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(41);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);



/** GetStage; the first read of the run is the report's `before`, and is logged. */
async function loadStage(ctx) {
    const state = await ctx.api.getStage();
    if (ctx.report.before === undefined) {
        ctx.report.before = state;
        const c = state.canary;
        ctx.log.info(`Stage ${ctx.cfg.stage} of ${ctx.cfg.restApiId}: stable deployment ${state.stableDeploymentId}, ` +
            (c
                ? `canary ${c.deploymentId} at ${(0,_core_stage_js__WEBPACK_IMPORTED_MODULE_2__/* .pct */ .Oe)(c.percent)}`
                : state.leftover
                    ? 'no canary (settings left by a promotion)'
                    : 'no canary'));
    }
    ctx.report.after = state;
    return state;
}
/** The stage's canary, or a StateError that says what to do instead. */
function requireCanary(ctx, state) {
    if (!state.canary) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .StateError */ .qq(state.leftover
            ? `Stage '${ctx.cfg.stage}' has no canary, only the settings an unfinished promotion left behind: run promote to finish it, or deploy a new canary.`
            : `Stage '${ctx.cfg.stage}' has no canary: run deploy first.`);
    }
    return state.canary;
}
/** Reads the canary deployment's description and the commit it records, into the report. */
async function loadCanaryCommit(ctx, deploymentId) {
    const description = await ctx.api.deploymentDescription(deploymentId);
    ctx.report.canaryDescription = description;
    ctx.report.canaryCommit = (0,_core_description_js__WEBPACK_IMPORTED_MODULE_0__/* .commitOf */ .D3)(description)?.sha;
    return description;
}
/**
 * Before raising or promoting: the canary must be this release's (deployed
 * from the workflow's commit, or the expected-canary-deployment-id), judged
 * from its deployment's `description` (loadCanaryCommit); refuses with a ConflictError that names whose
 * it is and what to do.
 */
function requireOwnCanary(ctx, canary, description) {
    const problem = (0,_core_description_js__WEBPACK_IMPORTED_MODULE_0__/* .ownershipProblem */ .l2)(canary.deploymentId, description, ctx.provenance, ctx.cfg.expectedCanaryId);
    if (problem)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConflictError */ .fK(`${ctx.cfg.command} refused: ${problem}`);
}
/** 'deployment X (commit owner/repo@abc)': whose a canary is, for a conflict message. */
async function describeCanary(ctx, deploymentId) {
    try {
        const c = (0,_core_description_js__WEBPACK_IMPORTED_MODULE_0__/* .commitOf */ .D3)(await ctx.api.deploymentDescription(deploymentId));
        return `deployment ${deploymentId} (${c ? `commit ${(0,_core_description_js__WEBPACK_IMPORTED_MODULE_0__/* .shortCommit */ .Ax)(c)}` : 'no commit recorded'})`;
    }
    catch {
        return `deployment ${deploymentId}`;
    }
}


/***/ }),

/***/ 2166:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   oB: () => (/* binding */ setTraffic),
/* harmony export */   q_: () => (/* binding */ removeCanarySettings),
/* harmony export */   uD: () => (/* binding */ checkNoConflict)
/* harmony export */ });
/* harmony import */ var _core_patch_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5333);
/* harmony import */ var _core_stage_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(41);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _load_stage_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(468);
/* harmony import */ var _timeline_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8208);





/** Sets canary traffic with one UpdateStage and records it on the timeline. */
async function setTraffic(ctx, percent, event, detail) {
    // A cancelled run raises nothing more (a decrease still goes through).
    if (ctx.signal.aborted && percent > (0,_core_stage_js__WEBPACK_IMPORTED_MODULE_3__/* .trafficOf */ .t7)(ctx.report.after))
        throw ctx.signal.reason;
    const from = (0,_core_stage_js__WEBPACK_IMPORTED_MODULE_3__/* .trafficOf */ .t7)(ctx.report.after);
    // The canary is this step's from the moment the write goes out: if its answer
    // is lost after it applied, recovery must still know to take the traffic back.
    const aimedAt = ctx.report.after?.canary?.deploymentId;
    if (aimedAt !== undefined)
        ctx.report.drivenCanaryId = aimedAt;
    const state = await ctx.api.updateStage((0,_core_patch_js__WEBPACK_IMPORTED_MODULE_4__/* .setTrafficOps */ .GM)(percent));
    ctx.report.after = state;
    const hit = state.canary?.deploymentId;
    if (aimedAt !== undefined && hit !== undefined && hit !== aimedAt && percent > from) {
        // API Gateway has no conditional write: another run replaced the canary between
        // this step's read and its write, and the raise landed on theirs. Put it back.
        await undoRaiseOnReplacedCanary(ctx, { aimedAt, hit, from, percent });
    }
    ctx.report.drivenCanaryId = hit;
    (0,_timeline_js__WEBPACK_IMPORTED_MODULE_2__/* .mark */ .G)(ctx, event, `${detail} (${(0,_core_stage_js__WEBPACK_IMPORTED_MODULE_3__/* .pct */ .Oe)(from)} → ${(0,_core_stage_js__WEBPACK_IMPORTED_MODULE_3__/* .pct */ .Oe)((0,_core_stage_js__WEBPACK_IMPORTED_MODULE_3__/* .trafficOf */ .t7)(state))})`, (0,_core_stage_js__WEBPACK_IMPORTED_MODULE_3__/* .trafficOf */ .t7)(state));
    return state;
}
async function undoRaiseOnReplacedCanary(ctx, w) {
    ctx.report.drivenCanaryId = undefined;
    let undone = '';
    try {
        ctx.report.after = await ctx.api.updateStage((0,_core_patch_js__WEBPACK_IMPORTED_MODULE_4__/* .setTrafficOps */ .GM)(w.from));
        undone = `; its traffic was set back to ${(0,_core_stage_js__WEBPACK_IMPORTED_MODULE_3__/* .pct */ .Oe)(w.from)}, where this step found the stage`;
    }
    catch (err) {
        undone = `; setting it back to ${(0,_core_stage_js__WEBPACK_IMPORTED_MODULE_3__/* .pct */ .Oe)(w.from)} failed (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(err)}): check the stage and run rollback`;
    }
    const other = await (0,_load_stage_js__WEBPACK_IMPORTED_MODULE_1__/* .describeCanary */ .Wi)(ctx, w.hit);
    const reason = `conflict: ${other} replaced this step's canary ${w.aimedAt} just before the increase to ${(0,_core_stage_js__WEBPACK_IMPORTED_MODULE_3__/* .pct */ .Oe)(w.percent)} reached it${undone}. This run changes nothing more; use a workflow concurrency group per stage.`;
    (0,_timeline_js__WEBPACK_IMPORTED_MODULE_2__/* .mark */ .G)(ctx, 'conflict', reason, (0,_core_stage_js__WEBPACK_IMPORTED_MODULE_3__/* .trafficOf */ .t7)(ctx.report.after));
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConflictError */ .fK(reason);
}
/**
 * Removes the canary settings. If the call fails, the stage is read again: a
 * retried removal whose first answer was lost finds nothing left to remove,
 * and that is the outcome wanted.
 */
async function removeCanarySettings(ctx) {
    try {
        ctx.report.after = await ctx.api.updateStage((0,_core_patch_js__WEBPACK_IMPORTED_MODULE_4__/* .removeCanaryOps */ .nu)());
    }
    catch (err) {
        const state = await ctx.api.getStage();
        if (state.canary || state.leftover)
            throw err;
        ctx.log.info(`The canary settings are gone (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(err)} came after they were removed).`);
        ctx.report.after = state;
    }
    return ctx.report.after;
}
/**
 * Before a traffic change in a run that already changed it: the canary must
 * still be the one this run is driving, at the traffic it set. Otherwise
 * another run (or a person) changed it, and this run stops without touching it.
 */
async function checkNoConflict(ctx, expected) {
    const state = await ctx.api.getStage();
    ctx.report.after = state;
    const c = state.canary;
    if (!c ||
        c.deploymentId !== expected.deploymentId ||
        Math.abs(c.percent - expected.percent) > 1e-9) {
        const found = c ? `deployment ${c.deploymentId} at ${(0,_core_stage_js__WEBPACK_IMPORTED_MODULE_3__/* .pct */ .Oe)(c.percent)}` : 'no canary';
        const reason = `conflict: expected canary deployment ${expected.deploymentId} at ${(0,_core_stage_js__WEBPACK_IMPORTED_MODULE_3__/* .pct */ .Oe)(expected.percent)} but found ${found}; another run or a person changed the stage. This run changes nothing more; use a workflow concurrency group per stage.`;
        (0,_timeline_js__WEBPACK_IMPORTED_MODULE_2__/* .mark */ .G)(ctx, 'conflict', reason, (0,_core_stage_js__WEBPACK_IMPORTED_MODULE_3__/* .trafficOf */ .t7)(state));
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConflictError */ .fK(reason);
    }
    return state;
}


/***/ })

};
