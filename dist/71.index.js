export const id = 71;
export const ids = [71];
export const modules = {

/***/ 4915:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X: () => (/* binding */ blastRadius),
/* harmony export */   q: () => (/* binding */ blastRadiusText)
/* harmony export */ });
/* harmony import */ var _sequential_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8687);
/**
 * Blast radius: what the canary cost users, per rung and per release. Pure.
 *
 * - requests the canary served and its 5XX;
 * - excess errors: the canary's 5XX beyond what the stable side's rate
 *   predicts for the same requests, x − n·p, p the stable 5XX rate. p is
 *   unknown; its anytime-valid interval (sequential.ts) at α/(2·rungs) each
 *   side gives the interval of the excess, so every rung's interval and their
 *   sum over the release hold together at the release's confidence.
 */

/** Pure: per rung and for the release, `alpha` the release's (1 − confidence), over `rungs` rungs. */
function blastRadius(rungCounts, alpha, rungs) {
    const each = alpha / (2 * Math.max(1, rungs, rungCounts.length));
    const per = rungCounts.map((r) => {
        const p = r.stableRequests > 0 ? r.stable5xx / r.stableRequests : 0;
        const i = (0,_sequential_js__WEBPACK_IMPORTED_MODULE_0__/* .rateInterval */ .mP)(r.stable5xx, r.stableRequests, each);
        return {
            percent: r.percent,
            canaryRequests: r.canaryRequests,
            canary5xx: r.canary5xx,
            excess5xx: r.canary5xx - r.canaryRequests * p,
            excessLow: r.canary5xx - r.canaryRequests * i.upper,
            excessHigh: r.canary5xx - r.canaryRequests * i.lower
        };
    });
    const sum = (f) => per.reduce((s, b) => s + f(b), 0);
    return {
        rungs: per,
        release: {
            canaryRequests: sum((b) => b.canaryRequests),
            canary5xx: sum((b) => b.canary5xx),
            excess5xx: sum((b) => b.excess5xx),
            excessLow: sum((b) => b.excessLow),
            excessHigh: sum((b) => b.excessHigh)
        }
    };
}
/** One line: "1,900 canary requests, 76 5XX, 57 more than stable's rate predicts (41 to 68)". */
function blastRadiusText(b) {
    const n = (x) => Math.round(x).toLocaleString('en-US');
    return `${n(b.canaryRequests)} canary requests, ${n(b.canary5xx)} 5XX, ${n(b.excess5xx)} more than the stable rate predicts (${n(b.excessLow)} to ${n(b.excessHigh)})`;
}


/***/ }),

/***/ 4968:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   gu: () => (/* binding */ investigationLinks),
/* harmony export */   mm: () => (/* binding */ canaryLogGroup)
/* harmony export */ });
/* unused harmony exports ERRORS_QUERY, consolePathEncode */
/**
 * Pure: the links and the command for investigating a canary after a
 * rollback: its execution logs, a Logs Insights query over the bake window,
 * X-Ray traces of the stage in the window, each alarm's page, and how to
 * release a fix: through the action again, never a raw create-deployment
 * (which would skip the gate, and whose canary the next ramp refuses). The console URL formats, and which parts
 * of them are the consoles' own encodings, are in docs/canary-analysis.md.
 */
/** The canary's execution log group (API Gateway names it; see docs/aws-behaviour.md). */
const canaryLogGroup = (restApiId, stage) => `API-Gateway-Execution-Logs_${restApiId}/${stage}/Canary`;
/** Execution-log lines of failed requests: 5XX answers, integration failures and timeouts. */
const ERRORS_QUERY = [
    'fields @timestamp, @logStream, @message',
    '| filter @message like /Method completed with status: 5\\d\\d/',
    '    or @message like /Execution failed/',
    '    or @message like /Endpoint request timed out/',
    '    or @message like /Lambda execution failed/',
    '| sort @timestamp desc',
    '| limit 200'
].join('\n');
const consoleBase = (region) => `https://${region}.console.aws.amazon.com`;
const cloudwatch = (region, fragment) => `${consoleBase(region)}/cloudwatch/home?region=${encodeURIComponent(region)}#${fragment}`;
/** The CloudWatch console's path encoding: URI-encoded twice, then `%` written `$`. */
const consolePathEncode = (s) => encodeURIComponent(encodeURIComponent(s)).replace(/%/g, '$');
const hex = (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
/** A Logs Insights primitive: URI-encoded (also `!'()~`), `%` written `*`; strings start with `'`. */
function insightsValue(v) {
    if (typeof v !== 'string')
        return String(v);
    return `'${encodeURIComponent(v)
        .replace(/[!'()~]/g, hex)
        .replace(/%/g, '*')}`;
}
/** `~(key~value~...)`, arrays as `~(~item~item)`, then JavaScript's escape() of the whole. */
function insightsDetail(o) {
    const parts = Object.entries(o).map(([k, v]) => Array.isArray(v)
        ? `${k}~(${v.map((x) => `~${insightsValue(x)}`).join('')})`
        : `${k}~${insightsValue(v)}`);
    const raw = `~(${parts.join('~')})`;
    // escape() leaves A-Z a-z 0-9 @*_+-./ as they are.
    return raw.replace(/[^A-Za-z0-9@*_+\-./]/g, hex);
}
/** Pure: every link and the fix hint for one rolled-back canary. */
function investigationLinks(input) {
    const { region, restApiId, stage, window } = input;
    const logGroup = canaryLogGroup(restApiId, stage);
    const start = window.start.toISOString();
    const end = window.end.toISOString();
    const detail = insightsDetail({
        end,
        start,
        timeType: 'ABSOLUTE',
        tz: 'UTC',
        editorString: ERRORS_QUERY,
        source: [logGroup]
    });
    const logsInsights = cloudwatch(region, `logsV2:logs-insights${encodeURIComponent(`?queryDetail=${detail}`).replace(/%/g, '$')}`);
    // X-Ray's documented deep link: #/traces?timeRange=start~end&filter=expression (UTC, at most 6 hours).
    const seconds = (d) => d.toISOString().replace(/\.\d{3}Z$/, '');
    const traceParams = [`timeRange=${seconds(window.start)}~${seconds(window.end)}`];
    if (input.apiName)
        traceParams.push(`filter=${encodeURIComponent(`service("${input.apiName}/${stage}")`)}`);
    const traces = `${consoleBase(region)}/xray/home?region=${encodeURIComponent(region)}#/traces?${traceParams.join('&')}`;
    const percent = input.firstStepPercent ?? 5;
    const fixHint = `push a fix and run the release workflow on its commit: its deploy step (command: deploy) ` +
        `makes the fix the canary at ${percent} % of ${stage}, behind the same gate. ` +
        'Not a bare aws apigateway create-deployment: it skips the gate, and the next ramp refuses its canary (no commit of the workflow in its description).';
    return {
        logGroup,
        executionLogs: cloudwatch(region, `logsV2:log-groups/log-group/${consolePathEncode(logGroup)}`),
        logsInsights,
        logsInsightsQuery: ERRORS_QUERY,
        traces,
        alarms: input.alarmNames.map((name) => ({
            name,
            url: cloudwatch(region, `alarmsV2:alarm/${encodeURIComponent(name)}`)
        })),
        fixHint
    };
}


/***/ }),

/***/ 8687:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BN: () => (/* binding */ logMeanExp),
/* harmony export */   BQ: () => (/* binding */ shareLogE),
/* harmony export */   C6: () => (/* binding */ WORSE_RATIOS),
/* harmony export */   Vt: () => (/* binding */ WITHIN_RATIOS),
/* harmony export */   Xs: () => (/* binding */ nullShare),
/* harmony export */   ek: () => (/* binding */ BETTER_RATIOS),
/* harmony export */   mP: () => (/* binding */ rateInterval)
/* harmony export */ });
/**
 * Anytime-valid tests on counts: e-processes whose error guarantee holds
 * however often they are read (Ville's inequality: a test supermartingale
 * ever reaches 1/α with probability at most α). Pure arithmetic, no I/O.
 *
 * The model is the counting-process test of Lindon, Sanden & Shirikian
 * (KDD 2022, arXiv 2205.14762) and Lindon & Malek (NeurIPS 2022, arXiv
 * 2011.03567): each side's events (errors, slow requests, KPI events) arrive
 * at a rate proportional to the requests it serves, the rate per request
 * possibly varying minute to minute but shared by both sides under the null.
 * Conditional on a minute's events, each is the canary's with probability
 * θ = ρr / (ρr + 1 − ρ), ρ the canary's share of the minute's requests (as
 * counted, not as configured) and r the canary's rate per request over the
 * stable side's. The null "r ≤ r0" puts θ ≤ θ0 every minute, whatever the
 * base rate does.
 *
 * Against each alternative "the odds of θ are g times those of θ0" an event
 * contributes g^x / (1 + (g − 1)θ0): its expectation is
 * (1 + (g − 1)θ) / (1 + (g − 1)θ0) ≤ 1 whenever (g − 1)(θ − θ0) ≤ 0, so the
 * product over events is a test supermartingale for the one-sided null, and
 * so is any average of them over a fixed grid of g (a discrete mixture, the
 * conjugate mixture's grid version; no special functions needed). With
 * binomial rather than Poisson sampling the canary's count given the total is
 * (non-central) hypergeometric, smaller in convex order than the binomial
 * (Hoeffding 1963), so the same products stay supermartingales.
 * docs/canary-analysis.md gives the derivation and the checks.
 */
/** Odds ratios the "worse" mixture bets on (log-spaced, equal weights): from 5 % worse to 50 times. */
const WORSE_RATIOS = [
    1.05, 1.1, 1.2, 1.35, 1.5, 1.75, 2, 2.5, 3, 4, 6, 10, 20, 50
];
/** The "better" mixture: the same ratios inverted. */
const BETTER_RATIOS = WORSE_RATIOS.map((g) => 1 / g);
/** The "not worse" tests' grid: a canary within its allowance is rarely more than 5 times better. */
const WITHIN_RATIOS = [1.05, 1.1, 1.25, 1.4, 1.7, 2, 3, 5];
/** log(mean(exp(xs))), stable for large and -Infinity terms. */
function logMeanExp(xs) {
    const max = Math.max(...xs);
    if (!Number.isFinite(max))
        return max;
    return max + Math.log(xs.reduce((s, x) => s + Math.exp(x - max), 0) / xs.length);
}
/**
 * log of one alternative's likelihood ratio over the observations (odds ratio g against θ0; with
 * g undefined, each observation's own `focusRatio`).
 */
function logRatio(obs, g) {
    let s = 0;
    for (const o of obs) {
        if (!(o.total > 0))
            continue;
        const gi = g ?? o.focusRatio ?? 1;
        const x = Math.min(o.events, o.total);
        s += x * Math.log(gi) - o.total * Math.log1p((gi - 1) * o.nullShare);
    }
    return s;
}
/**
 * log E: the mixture e-process after `obs`. With `WORSE_RATIOS` it tests
 * H0: θ ≤ θ0 in every period (large when the canary takes more than its share);
 * with `BETTER_RATIOS`, H0: θ ≥ θ0. `focus` puts part of the weight on one
 * odds ratio fixed before the data (the "not worse" test bets half on the
 * canary being exactly as good as stable), or (`ratio: 'per-period'`) on each
 * observation's predictable `focusRatio`.
 */
function shareLogE(obs, ratios = WORSE_RATIOS, focus) {
    const grid = logMeanExp(ratios.map((g) => logRatio(obs, g)));
    if (!focus)
        return grid;
    // A fixed two-part mixture: `weight` on one alternative named in advance, the rest on the grid.
    const f = logRatio(obs, focus.ratio === 'per-period' ? undefined : focus.ratio);
    const m = Math.max(f, grid);
    return m + Math.log(focus.weight * Math.exp(f - m) + (1 - focus.weight) * Math.exp(grid - m));
}
/** θ0 from the canary's share of requests ρ and the rate ratio r0 at the null's boundary. */
function nullShare(canaryShare, rateRatio) {
    if (rateRatio === Infinity)
        return canaryShare > 0 ? 1 : 0;
    const a = canaryShare * rateRatio;
    const d = a + (1 - canaryShare);
    return d > 0 ? a / d : 0;
}
/** Bisection for the q in [lo, hi] where a monotone f crosses 0 (f(lo), f(hi) of opposite signs). */
function bisect(f, lo, hi) {
    let flo = f(lo);
    for (let i = 0; i < 100 && hi - lo > 1e-9 * hi; i++) {
        const mid = (lo + hi) / 2;
        const fm = f(mid);
        if (Math.sign(fm) === Math.sign(flo)) {
            lo = mid;
            flo = fm;
        }
        else
            hi = mid;
    }
    return (lo + hi) / 2;
}
/**
 * An anytime-valid confidence interval for a constant per-trial rate p from
 * `events` out of `trials` so far: [lower, upper], each side at level `alpha`
 * (so the pair at 2α), uniformly over time. Inverts the one-sample version of
 * the mixture above (a trial is an "event" with θ0 = q).
 */
function rateInterval(events, trials, alpha) {
    if (!(trials > 0))
        return { lower: 0, upper: 1 };
    const x = Math.min(events, trials);
    const p = x / trials;
    const bound = Math.log(1 / alpha);
    const at = (q, ratios) => shareLogE([{ events: x, total: trials, nullShare: q }], ratios) - bound;
    // Lower: where the worse-mixture (decreasing in q) stops rejecting; upper: the better-mixture (increasing).
    const tiny = 1e-15;
    const lower = x === 0 || at(tiny, WORSE_RATIOS) <= 0 ? 0 : bisect((q) => at(q, WORSE_RATIOS), tiny, p);
    const upper = x === trials || at(1 - tiny, BETTER_RATIOS) <= 0
        ? 1
        : bisect((q) => at(q, BETTER_RATIOS), p, 1 - tiny);
    return { lower, upper };
}


/***/ }),

/***/ 6042:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Xk: () => (/* binding */ compareStageMetrics)
});

// UNUSED EXPORTS: STATUS_WINDOW_MS, comparisonWindow

;// CONCATENATED MODULE: ./src/analysis/metric-verdicts.ts
const rate = (errors, requests) => errors === undefined || !requests ? undefined : errors / requests;
const fmtRate = (r) => (r === undefined ? '—' : `${(r * 100).toFixed(2)}%`);
const fmtMs = (ms) => (ms === undefined ? '—' : `${ms.toFixed(0)} ms`);
const fmtCount = (n) => (n === undefined ? '—' : String(Math.round(n)));
/** An error rate is worse when it is both 1 point and half again above the stable side's. */
function rateVerdict(s, c) {
    if (s === undefined || c === undefined)
        return 'no data';
    return c - s > 0.01 && c > s * 1.5 ? 'worse' : 'ok';
}
/** A latency is worse when it is both 20 % and 50 ms above the stable side's. */
function latencyVerdict(s, c) {
    if (s === undefined || c === undefined)
        return 'no data';
    return c > s * 1.2 && c - s > 50 ? 'worse' : 'ok';
}
/** Pure: the canary beside the stable side, metric by metric. */
function compareMetrics(stable, canary) {
    const s5 = rate(stable.errors5xx, stable.requests);
    const c5 = rate(canary.errors5xx, canary.requests);
    const s4 = rate(stable.errors4xx, stable.requests);
    const c4 = rate(canary.errors4xx, canary.requests);
    return [
        {
            metric: 'Requests',
            stable: fmtCount(stable.requests),
            canary: fmtCount(canary.requests),
            verdict: stable.requests === undefined || canary.requests === undefined ? 'no data' : 'ok'
        },
        { metric: '5XX rate', stable: fmtRate(s5), canary: fmtRate(c5), verdict: rateVerdict(s5, c5) },
        { metric: '4XX rate', stable: fmtRate(s4), canary: fmtRate(c4), verdict: rateVerdict(s4, c4) },
        {
            metric: 'Latency p99',
            stable: fmtMs(stable.latencyP99),
            canary: fmtMs(canary.latencyP99),
            verdict: latencyVerdict(stable.latencyP99, canary.latencyP99)
        },
        {
            metric: 'Latency average',
            stable: fmtMs(stable.latencyAvg),
            canary: fmtMs(canary.latencyAvg),
            verdict: latencyVerdict(stable.latencyAvg, canary.latencyAvg)
        }
    ];
}

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/commands/catalog.ts
var catalog = __webpack_require__(6833);
;// CONCATENATED MODULE: ./src/analysis/step-metrics-report.ts



const isEmpty = (m) => Object.values(m).every((v) => v === undefined);
/** How far back `status` looks when comparing the two sides. */
const STATUS_WINDOW_MS = 15 * 60 * 1000;
const READ_BUDGET_MS = 5_000;
/** Pure: the window to compare over: the step's bakes, or for status the last 15 minutes; none otherwise. */
function comparisonWindow(command, timeline, now) {
    if ((0,catalog/* traitsOf */.JC)(command).metrics === 'during')
        return { start: new Date(now - STATUS_WINDOW_MS), end: new Date(now) };
    const firstBake = timeline.find((e) => e.event === 'bake-start');
    return firstBake ? { start: new Date(firstBake.time), end: new Date(now) } : undefined;
}
/**
 * Puts the canary beside the stable side (requests, error rates, latency), for
 * steps that baked and for status: logs it and returns it for the report.
 * Informational: it never fails the step, and a missing permission or metric
 * is a warning.
 */
async function compareStageMetrics(ctx) {
    const { report, log } = ctx;
    const hadCanary = ctx.run.before?.canary ?? ctx.run.stage?.canary;
    const window = comparisonWindow(report.command, ctx.run.timeline, ctx.clock.now());
    // The canary analysis's verdict (step-analysis.ts) replaces this comparison when it ran.
    if (!ctx.readMetrics || !hadCanary || !window || report.dryRun || report.analysis)
        return;
    try {
        // A cancel cuts the reads short: the runner's grace is for the rollback.
        const m = await ctx.readMetrics(window, AbortSignal.any([ctx.signal, AbortSignal.timeout(READ_BUDGET_MS)]));
        const rows = compareMetrics(m.stable, m.canary);
        const metrics = {
            start: window.start.toISOString(),
            end: window.end.toISOString(),
            ...m,
            rows
        };
        const head = `Canary vs stable (${m.apiName}, Stage=${m.canaryStage} vs ${report.stage})`;
        if (isEmpty(m.stable) && isEmpty(m.canary)) {
            // One line, not a row of dashes: no request reached either side in the window yet.
            log.info(`${head}: no data yet (API Gateway publishes a stage's metrics once requests reach it, about a minute later).`);
            return metrics;
        }
        log.info(`${head}: ` +
            rows
                .map((r) => `${r.metric} ${r.canary} vs ${r.stable}${r.verdict === 'worse' ? ' (worse)' : ''}`)
                .join('; '));
        if (m.canaryStageSource === 'default' && m.canary.requests === undefined) {
            log.info(`No canary metrics found under Stage=${m.canaryStage}; set canary-metrics-stage if your account names them differently.`);
        }
        return metrics;
    }
    catch (err) {
        if (ctx.signal.aborted)
            return;
        log.warning(`Could not compare canary and stable metrics: ${(0,errors/* errorMessage */.gJ)(err)}`, 'Metrics comparison skipped');
    }
}


/***/ }),

/***/ 8799:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ canaryStageDimension)
/* harmony export */ });
/* unused harmony export pickCanaryStage */
/* harmony import */ var _aws_sdk_client_cloudwatch__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4085);
/* harmony import */ var _pages_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(701);
/**
 * The `Stage` dimension API Gateway gives a canary's metrics. AWS does not
 * document it (docs/aws-behaviour.md#canary-metrics): it is taken from
 * `canary-metrics-stage` when given, else found among the API's `Count`
 * metrics (ListMetrics, every page: with detailed metrics on, an API's
 * per-method series can fill many pages of 500), else `{stage}/Canary`.
 * Preflight and the metric reads both ask it here.
 */


/** Pure: the canary's Stage value among the Stage values listed (`{stage}/Canary` first, any case). */
function pickCanaryStage(stage, listed) {
    const own = listed.filter((v) => v !== stage && v.startsWith(`${stage}/`));
    return own.find((v) => v.toLowerCase() === `${stage}/canary`) ?? own[0];
}
async function canaryStageDimension(cloudwatch, apiName, stage, input, signal) {
    if (input)
        return { canaryStage: input, canaryStageSource: 'input' };
    const listed = [];
    const found = () => pickCanaryStage(stage, listed)?.toLowerCase();
    await (0,_pages_js__WEBPACK_IMPORTED_MODULE_0__/* .pages */ .Bd)("ListMetrics (the canary metrics' Stage dimension)", async (token) => (await cloudwatch.send(new _aws_sdk_client_cloudwatch__WEBPACK_IMPORTED_MODULE_1__/* .ListMetricsCommand */ .tPF({
        Namespace: 'AWS/ApiGateway',
        MetricName: 'Count',
        Dimensions: [{ Name: 'ApiName', Value: apiName }],
        ...(token ? { NextToken: token } : {})
    }), { abortSignal: signal })) ?? {}, 
    // Stops at the page that lists `{stage}/Canary`: no later page can beat it.
    (page) => (found() === `${stage}/canary`.toLowerCase() ? undefined : page.NextToken), (page) => {
        for (const m of page.Metrics ?? []) {
            const v = m.Dimensions?.find((d) => d.Name === 'Stage')?.Value;
            if (v !== undefined)
                listed.push(v);
        }
    });
    const canary = pickCanaryStage(stage, listed);
    return canary
        ? { canaryStage: canary, canaryStageSource: 'discovered' }
        : { canaryStage: `${stage}/Canary`, canaryStageSource: 'default' };
}


/***/ }),

/***/ 201:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fj: () => (/* binding */ destroyClients),
/* harmony export */   YE: () => (/* binding */ DEADLINES),
/* harmony export */   dr: () => (/* binding */ traceCalls),
/* harmony export */   nv: () => (/* binding */ makeClients),
/* harmony export */   s1: () => (/* binding */ clientOptions)
/* harmony export */ });
/* unused harmony export USER_AGENT */
/* harmony import */ var _aws_sdk_client_api_gateway__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(818);
/* harmony import */ var _aws_sdk_client_cloudwatch__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4085);
/* harmony import */ var _deadline_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7969);
/* harmony import */ var _explain_error_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6221);




const USER_AGENT = 'apigw-canary/0.1';
const DEADLINES = {
    connectMs: 3_000,
    attemptMs: 10_000,
    callMs: 30_000,
    slowAttemptMs: 30_000,
    alarmReadMs: 5_000,
    urgentAttemptMs: 2_000,
    // Room for the SDK's backoff when AWS throttles the rollback (its waits double from 0.5 s).
    urgentMs: 20_000
};
/** The rollback's attempts: as many as fit in `urgentMs` (setting 0 % twice is harmless). */
const URGENT_ATTEMPTS = 10;
function sdkOptions(cfg, d) {
    return {
        region: cfg.region,
        ...(cfg.endpointUrl ? { endpoint: cfg.endpointUrl } : {}),
        customUserAgent: USER_AGENT,
        retryMode: 'standard',
        maxAttempts: cfg.maxAttempts,
        requestHandler: { connectionTimeout: d.connectMs, socketTimeout: d.attemptMs }
    };
}
function clientOptions(cfg, d = DEADLINES) {
    return { sdk: sdkOptions(cfg, d), callMs: d.callMs, attemptMs: d.attemptMs };
}
/**
 * SDK clients from the default credential provider chain (what
 * aws-actions/configure-aws-credentials exports); no input takes a secret.
 * Every call has a deadline (boundCalls), and every attempt one of its own.
 */
function makeClients(cfg, log, d = DEADLINES) {
    const common = sdkOptions(cfg, d);
    const slow = sdkOptions(cfg, { connectMs: d.connectMs, attemptMs: d.slowAttemptMs });
    const urgentHandler = {
        connectionTimeout: Math.min(d.connectMs, d.urgentAttemptMs),
        socketTimeout: d.urgentAttemptMs,
        httpAgent: { keepAlive: false },
        httpsAgent: { keepAlive: false }
    };
    const clients = {
        apigateway: (0,_deadline_js__WEBPACK_IMPORTED_MODULE_0__/* .boundCalls */ .uw)(new _aws_sdk_client_api_gateway__WEBPACK_IMPORTED_MODULE_2__/* .APIGatewayClient */ .UR2(common), d.callMs, d.attemptMs),
        apigatewaySlow: (0,_deadline_js__WEBPACK_IMPORTED_MODULE_0__/* .boundCalls */ .uw)(new _aws_sdk_client_api_gateway__WEBPACK_IMPORTED_MODULE_2__/* .APIGatewayClient */ .UR2(slow), 2 * d.slowAttemptMs, d.slowAttemptMs),
        apigatewayOnce: (0,_deadline_js__WEBPACK_IMPORTED_MODULE_0__/* .boundCalls */ .uw)(new _aws_sdk_client_api_gateway__WEBPACK_IMPORTED_MODULE_2__/* .APIGatewayClient */ .UR2({ ...slow, maxAttempts: 1 }), d.slowAttemptMs, d.slowAttemptMs),
        apigatewayUrgent: (0,_deadline_js__WEBPACK_IMPORTED_MODULE_0__/* .boundCalls */ .uw)(new _aws_sdk_client_api_gateway__WEBPACK_IMPORTED_MODULE_2__/* .APIGatewayClient */ .UR2({
            ...common,
            maxAttempts: Math.max(URGENT_ATTEMPTS, cfg.maxAttempts),
            requestHandler: urgentHandler
        }), d.urgentMs, d.urgentAttemptMs),
        cloudwatch: (0,_deadline_js__WEBPACK_IMPORTED_MODULE_0__/* .boundCalls */ .uw)(new _aws_sdk_client_cloudwatch__WEBPACK_IMPORTED_MODULE_3__/* .CloudWatchClient */ .WBn(common), d.callMs, d.attemptMs)
    };
    // Errors name their call, for a setup mistake's one-line explanation (explain-error.ts).
    for (const c of Object.values(clients)) {
        (0,_explain_error_js__WEBPACK_IMPORTED_MODULE_1__/* .tagOperations */ .vr)(c);
        if (log)
            traceCalls(c, log);
    }
    return clients;
}
/** Closes every client's connections. */
function destroyClients(clients) {
    for (const c of Object.values(clients))
        c.destroy();
}
/**
 * A debug line for every AWS call (shown when debug logging is on): the
 * operation, how it ended, its attempts and request id, and how long it took,
 * retries included. Never its input or output (or any header).
 */
function traceCalls(client, log) {
    client.middlewareStack.add((next, context) => async (args) => {
        const op = `${(context.clientName ?? '').replace(/Client$/, '')} ${(context.commandName ?? '').replace(/Command$/, '')}`;
        const started = performance.now();
        const took = () => `${Math.round(performance.now() - started)} ms`;
        try {
            const res = await next(args);
            const m = res.output?.$metadata ?? {};
            log.debug(`AWS ${op}: ${m.httpStatusCode ?? 'ok'} in ${took()}, ${m.attempts ?? 1} attempt(s), request ${m.requestId ?? '?'}`);
            return res;
        }
        catch (e) {
            const err = (e ?? {});
            const m = err.$metadata ?? {};
            log.debug(`AWS ${op}: failed (${err.name ?? 'error'}${m.httpStatusCode ? ` ${m.httpStatusCode}` : ''}) after ${took()}, ${m.attempts ?? 1} attempt(s), request ${m.requestId ?? '?'}`);
            throw e;
        }
    }, { step: 'initialize', name: 'apigwCanaryTraceCalls' });
}


/***/ }),

/***/ 7969:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   NE: () => (/* binding */ withDeadline),
/* harmony export */   uw: () => (/* binding */ boundCalls)
/* harmony export */ });
/* unused harmony export NoAnswerError */
/**
 * Deadlines for AWS calls. The SDK bounds one attempt (no byte on the
 * connection for a while: clients.ts sets the socket timeout); this bounds a
 * whole call, every retry and backoff included, through the abort signal the
 * SDK passes to each attempt. A connection that accepts and never answers (a
 * NAT or proxy black hole) then costs one deadline, never the job's lifetime.
 */
/** An AWS call (or a read of several calls) that got no answer within its deadline. */
class NoAnswerError extends Error {
    name = 'NoAnswerError';
}
const OPERATION = Symbol.for('apigw-canary.operation');
const seconds = (ms) => `${Number((ms / 1000).toFixed(1))} s`;
/**
 * Runs `fn` with a signal that aborts when `signal` does or after `ms`. A
 * deadline that fires becomes a NoAnswerError naming `what`; an abort of
 * `signal` (the job being cancelled) is passed on as it is.
 */
async function withDeadline(what, ms, signal, fn) {
    // AbortSignal.timeout runs on Node's own timers: it keeps no process alive.
    const timeout = AbortSignal.timeout(ms);
    const both = signal ? AbortSignal.any([signal, timeout]) : timeout;
    try {
        return await fn(both);
    }
    catch (err) {
        if (timeout.aborted && !signal?.aborted) {
            throw new NoAnswerError(`${what}: not done within ${seconds(ms)} (AWS did not answer, or failed every retry)`, { cause: err });
        }
        throw err;
    }
}
/** The SDK's own timeouts (connect, socket silence) say neither the call nor what it means. */
function explained(err, op, attemptMs) {
    const e = err;
    if (e?.name !== 'TimeoutError' || !e.message?.startsWith('@smithy/node-http-handler'))
        return err;
    const n = e.$metadata?.attempts ?? 1;
    const why = /connection/.test(e.message) ? 'could not connect' : 'no answer from AWS';
    return new NoAnswerError(`${op}: ${why} (${n} attempt${n > 1 ? 's' : ''}, each given up after ${seconds(attemptMs)})`, { cause: err });
}
/**
 * Gives every `send` of an SDK client a deadline of `ms`, retries included,
 * on top of the caller's abort signal. A stalled attempt's connection is
 * destroyed when it is abandoned, so the next call does not reuse it.
 * `attemptMs` is the client's own wait per attempt, for the error's message.
 */
function boundCalls(client, ms, attemptMs) {
    const c = client;
    // The class's send, looked up at each call (test mocks replace the prototype's).
    const send = (command, options) => Object.getPrototypeOf(c).send.call(c, command, options);
    c.send = (command, options) => {
        const op = command.constructor.name.replace(/Command$/, '');
        return withDeadline(op, ms, options?.abortSignal, async (abortSignal) => {
            try {
                return await send(command, { ...options, abortSignal });
            }
            catch (err) {
                throw explained(err, op, attemptMs);
            }
        }).catch((err) => {
            // Named like the SDK's own errors (explain-error.ts tagOperations), for the one-line explanation.
            if (err instanceof NoAnswerError)
                Object.defineProperty(err, OPERATION, { value: op });
            throw err;
        });
    };
    return client;
}


/***/ }),

/***/ 6221:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   SP: () => (/* binding */ explainFailure),
/* harmony export */   c4: () => (/* binding */ isNotFound),
/* harmony export */   vr: () => (/* binding */ tagOperations)
/* harmony export */ });
/* unused harmony export explainSetupError */
/* harmony import */ var _core_stage_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(41);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _core_endpoint_url_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3706);



/** Where the error came from, set by tagOperations on the SDK's error object. */
const OPERATION = Symbol.for('apigw-canary.operation');
/** AWS's "no such thing": API Gateway's NotFoundException, Lambda's and Logs' ResourceNotFoundException. */
const isNotFound = (err) => ['NotFoundException', 'ResourceNotFoundException'].includes(err?.name ?? '');
/** Marks every error a client's call throws with the call's name (GetStage, UpdateStage, ...). */
function tagOperations(client) {
    client.middlewareStack.add((next, context) => async (args) => {
        try {
            return await next(args);
        }
        catch (e) {
            if (e && typeof e === 'object' && !(OPERATION in e)) {
                const name = context.commandName ?? '';
                Object.defineProperty(e, OPERATION, { value: name.replace(/Command$/, '') });
            }
            throw e;
        }
    }, { step: 'initialize', name: 'apigwCanaryOperationTag' });
}
function kindOf(e, text) {
    if (e.name === 'CredentialsProviderError' || /Could not load credentials/i.test(text))
        return 'credentials';
    if (/\b(ENOTFOUND|EAI_AGAIN)\b|getaddrinfo/.test(text) || e.code === 'ENOTFOUND')
        return 'dns';
    if (/\bECONNREFUSED\b/.test(text) || e.code === 'ECONNREFUSED')
        return 'refused';
    if (e.name === 'NoAnswerError')
        return 'silent';
    if (e.name === 'ServiceUnavailableException' ||
        e.name === 'ServiceUnavailable' ||
        e.$metadata?.httpStatusCode === 503)
        return 'unavailable';
    return undefined;
}
/**
 * One line for a setup mistake: which operation failed, where, what traffic
 * the stage was left at, what to do. undefined for any other error (its own
 * message says enough).
 */
function explainSetupError(err, s) {
    if (!err || typeof err !== 'object')
        return undefined;
    const e = err;
    const raw = (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(err);
    const kind = kindOf(e, raw);
    if (!kind)
        return undefined;
    const op = e[OPERATION] || 'the first AWS call';
    const where = s.endpointUrl
        ? `in ${s.region} at endpoint-url ${(0,_core_endpoint_url_js__WEBPACK_IMPORTED_MODULE_1__/* .withoutUserinfo */ .Q)(s.endpointUrl)}`
        : `in ${s.region} (AWS's endpoint)`;
    const left = s.stageRead
        ? `The stage was left at ${s.percent} % canary traffic.`
        : 'Nothing was changed: the stage was never read.';
    const todo = {
        credentials: 'No AWS credentials reached the action: add aws-actions/configure-aws-credentials before this step (role-to-assume, with permissions: id-token: write).',
        dns: s.endpointUrl
            ? 'The host could not be resolved: check endpoint-url (leave it empty for AWS) and aws-region.'
            : 'The host could not be resolved: check aws-region and the runner network (DNS, proxy).',
        refused: s.endpointUrl
            ? "Nothing answered there: check endpoint-url (leave it empty for AWS's own endpoints) and that the endpoint is reachable from the runner."
            : 'The connection was refused: check the runner network (proxy, firewall) and re-run.',
        silent: 'The connection was made but AWS did not answer in time: check the runner network (a proxy or NAT that drops connections), then re-run.',
        unavailable: `AWS kept answering 503 after ${e.$metadata?.attempts ?? s.maxAttempts} attempts: re-run the job later, or raise max-attempts.`
    };
    return `${op} failed ${where}. ${todo[kind]} ${left} (${raw})`;
}
/** After the command and its recovery: a setup mistake's one-line explanation, for the abort-reason (undefined: not a setup mistake). */
function explainFailure(report, failure, cfg) {
    return explainSetupError(failure, {
        ...cfg,
        stageRead: report.before !== undefined,
        percent: (0,_core_stage_js__WEBPACK_IMPORTED_MODULE_2__/* .trafficOf */ .t7)(report.after)
    });
}


/***/ }),

/***/ 701:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bd: () => (/* binding */ pages)
/* harmony export */ });
/* unused harmony exports MAX_PAGES, PaginationError */
/**
 * AWS pagination with a bound. A list call answers a page and a token for the
 * next one (`NextToken`, `position`, ...); an endpoint that keeps answering a
 * token, or answers one it already gave, would otherwise keep a step reading
 * forever. Every paginated read of the action goes through `pages`.
 */
/** Pages one read may follow before it fails: far above any account's real size. */
const MAX_PAGES = 100;
/** A paginated read that did not end: too many pages, or a token that came back. */
class PaginationError extends Error {
    name = 'PaginationError';
}
/**
 * Reads `read(undefined)`, then `read(token)` for each token `next` finds,
 * handing every page to `each`. Fails with a PaginationError naming `what` on
 * a token answered twice, or after `max` pages.
 */
async function pages(what, read, next, each, max = MAX_PAGES) {
    const seen = new Set();
    let token;
    for (let n = 1;; n++) {
        const page = await read(token);
        each(page);
        token = next(page);
        if (!token)
            return;
        if (seen.has(token)) {
            throw new PaginationError(`${what}: AWS answered a page token it had already given (page ${n}); stopped rather than read the same pages forever`);
        }
        if (n >= max) {
            throw new PaginationError(`${what}: still more pages after ${max}; stopped (the action reads at most ${max} pages of one list)`);
        }
        seen.add(token);
    }
}


/***/ }),

/***/ 2980:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ed: () => (/* binding */ checkBackends),
  Sv: () => (/* binding */ withBackendRows)
});

// UNUSED EXPORTS: checkBackend

// EXTERNAL MODULE: ./src/preflight/types.ts
var types = __webpack_require__(2626);
;// CONCATENATED MODULE: ./src/backend-check/policy.ts
/**
 * IAM's ArnLike (and ArnEquals): the ARN's six colon-separated parts compared
 * one by one, case-sensitively, each with `*` (any run) and `?` (one
 * character) inside that part only; the sixth part is everything after the
 * fifth colon. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
 */
function arnLike(pattern, arn) {
    const parts = (s) => {
        const p = s.split(':');
        return p.length < 6 ? p : [...p.slice(0, 5), p.slice(5).join(':')];
    };
    const pp = parts(pattern);
    const ap = parts(arn);
    if (pp.length !== ap.length)
        return false;
    return pp.every((p, i) => {
        const re = p
            .replace(/[.+^${}()|[\]\\]/g, '\\$&')
            .replace(/\*/g, '.*')
            .replace(/\?/g, '.');
        return new RegExp(`^${re}$`, 's').test(ap[i]);
    });
}
const list = (v) => Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)];
/** A condition's values under a key, whatever case the key was written in. */
function conditionValues(c, operators, key) {
    let found;
    for (const [op, byKey] of Object.entries(c ?? {})) {
        if (!operators.includes(op))
            continue;
        for (const [k, v] of Object.entries(byKey ?? {}))
            if (k.toLowerCase() === key.toLowerCase())
                found = [...(found ?? []), ...list(v)];
    }
    return found;
}
/** Whether one statement lets API Gateway invoke `functionArn` for a request from `sourceArn`. */
function allows(s, functionArn, sourceArn, account) {
    if (s.Effect !== 'Allow')
        return false;
    const principal = s.Principal;
    const services = typeof principal === 'string' ? [principal] : list(principal?.Service);
    if (!services.some((p) => p === 'apigateway.amazonaws.com' || p === '*'))
        return false;
    if (!list(s.Action).some((a) => ['lambda:InvokeFunction', 'lambda:*', '*'].includes(a)))
        return false;
    if (!list(s.Resource).some((r) => arnLike(r, functionArn)))
        return false;
    const sources = conditionValues(s.Condition, ['ArnLike', 'ArnEquals'], 'AWS:SourceArn');
    if (sources && !sources.some((p) => arnLike(p, sourceArn)))
        return false;
    const accounts = conditionValues(s.Condition, ['StringEquals', 'StringLike'], 'AWS:SourceAccount');
    if (accounts && !accounts.includes(account))
        return false;
    return true;
}
/** The methods API Gateway may send with ANY: each must be allowed. */
const ANY_METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'];
/** The execute-api ARNs API Gateway invokes a function with, for a method of this stage. */
function sourceArns(api, m) {
    const methods = m.method === 'ANY' ? ANY_METHODS : [m.method];
    return methods.map((method) => `arn:${api.partition}:execute-api:${api.region}:${api.account}:${api.restApiId}/${api.stage}/${method}${m.path}`);
}
/** A POSIX shell word: bare when safe, else single-quoted. */
const shellWord = (s) => /^[A-Za-z0-9_./=:,@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
/**
 * The `aws lambda add-permission` that lets this API invoke the function (its
 * alias or version) from any of its stages, for the methods that use it:
 * one method's own ARN, or every method's when several share the backend.
 * Path parameters (`{id}`, `{proxy+}`) become `*`.
 */
function addPermissionCommand(fn, api, methods) {
    const one = methods.length === 1 ? methods[0] : undefined;
    const scope = one
        ? `${one.method === 'ANY' ? '*' : one.method}${one.path.replace(/\{[^}]*\}/g, '*')}`
        : '*/*';
    const source = `arn:${api.partition}:execute-api:${api.region}:${api.account}:${api.restApiId}/*/${scope}`;
    const sid = `apigw-canary-${api.restApiId}-${fn.qualifier ?? 'latest'}`
        .replace(/[^A-Za-z0-9_-]/g, '-')
        .slice(0, 100);
    return [
        'aws lambda add-permission',
        `--region ${shellWord(fn.region)}`,
        `--function-name ${shellWord(fn.functionName)}`,
        ...(fn.qualifier ? [`--qualifier ${shellWord(fn.qualifier)}`] : []),
        `--statement-id ${shellWord(sid)}`,
        '--action lambda:InvokeFunction',
        '--principal apigateway.amazonaws.com',
        `--source-arn ${shellWord(source)}`
    ].join(' ');
}

// EXTERNAL MODULE: ./src/backend-check/targets.ts
var targets = __webpack_require__(9731);
;// CONCATENATED MODULE: ./src/backend-check/decide.ts
/**
 * Pure: the backend check (docs/preflight.md#7-backends). Per distinct
 * backend (targets.ts), whether it exists and whether API Gateway may call it
 * (policy.ts), as one preflight row: stable target, canary target, verdict,
 * what to do.
 */



const qualifierText = (t) => t.qualifier === undefined
    ? '$LATEST'
    : /^\d+$/.test(t.qualifier)
        ? `version ${t.qualifier}`
        : `alias ${t.qualifier}`;
function lambdaVerdict(t, f, scope, methods, role) {
    const name = (0,targets/* targetText */.Z3)(t);
    const skip = (d, what) => ({
        status: 'skipped',
        found: `Could not read ${what} of ${name}: access denied.`,
        todo: `Allow ${d.denied} to the role the action runs as, to have this checked.`
    });
    if (!f || f.fn === 'missing')
        return {
            status: 'fail',
            found: `${name}: function ${t.functionName} does not exist in ${t.region}.`,
            todo: `Function ${t.functionName} does not exist in ${t.region}: create it, or correct the integration URI or the stage variable that names it.`
        };
    if ((0,types/* isDenied */.GZ)(f.fn))
        return skip(f.fn, 'the function');
    if (f.qualifier === 'missing')
        return {
            status: 'fail',
            found: `${name}: ${qualifierText(t)} of ${t.functionName} does not exist.`,
            todo: /^\d+$/.test(t.qualifier ?? '')
                ? `Version ${t.qualifier} of ${t.functionName} does not exist: publish it (aws lambda publish-version) or correct the stage variable.`
                : `Alias ${t.qualifier} of ${t.functionName} does not exist: create it (aws lambda create-alias --function-name ${t.functionName} --name ${t.qualifier} --function-version N) or correct the stage variable.`
        };
    if ((0,types/* isDenied */.GZ)(f.qualifier))
        return skip(f.qualifier, `the ${qualifierText(t)}`);
    if (role)
        return {
            status: 'pass',
            found: `${name}: exists; API Gateway invokes it with the integration's role ${role}, so no resource policy is needed (the role's own policy is not checked).`
        };
    if ((0,types/* isDenied */.GZ)(f.policy))
        return skip(f.policy, 'the resource policy');
    const fnArn = /^arn:([^:]+):lambda:([^:]+):([^:]+):/.exec(f.fn.arn);
    const partition = fnArn?.[1] ?? t.partition;
    const account = fnArn?.[3] ?? t.account;
    const api = { partition, account, ...scope };
    const unqualified = f.fn.arn.split(':').slice(0, 7).join(':');
    const invoked = t.qualifier ? `${unqualified}:${t.qualifier}` : unqualified;
    const policy = f.policy;
    const refused = methods.filter((m) => sourceArns(api, m).some((src) => !policy.some((s) => allows(s, invoked, src, account) || allows(s, t.arn, src, account))));
    if (refused.length === 0)
        return { status: 'pass', found: `${name}: exists, and API Gateway may invoke it.` };
    const shown = refused.map((m) => `${m.method} ${m.path}`).join(', ');
    return {
        status: 'fail',
        found: `${name}: its resource policy does not let API Gateway invoke ${qualifierText(t)} for ${shown}: every such request would answer 500 (Invalid permissions on Lambda function).`,
        todo: `API Gateway may not invoke ${name}. Run: ${addPermissionCommand(t, api, refused)}`
    };
}
function sideVerdict(t, lambda, scope, methods, side, role) {
    switch (t.kind) {
        case 'lambda':
            return lambdaVerdict(t, lambda(t.arn), scope, methods, role);
        case 'unresolved':
            return {
                status: 'fail',
                found: `The ${side} leaves ${t.variables.map((v) => `\${stageVariables.${v}}`).join(', ')} unresolved: API Gateway cannot call ${t.text}.`,
                todo: side === 'canary'
                    ? `Give ${t.variables.join(', ')} a value in stage-variable-overrides or in the stage's variables.`
                    : `Set ${t.variables.join(', ')} in the stage's variables.`
            };
        case 'http':
            return { status: 'pass', found: `${(0,targets/* targetText */.Z3)(t)} (not called: shown to compare).` };
        case 'other':
            return { status: 'pass', found: `${t.text} (not checked).` };
    }
}
/**
 * Pure: one preflight row for a backend. The canary side's problems fail (its
 * requests would answer errors from the first one); the stable side's warn
 * (it serves them already).
 */
function checkBackend(b, lambda, scope) {
    const stable = (0,targets/* targetText */.Z3)(b.stable);
    const canary = (0,targets/* targetText */.Z3)(b.canary);
    const same = stable === canary;
    const role = b.integration.credentials;
    const c = sideVerdict(b.canary, lambda, scope, b.methods, 'canary', role);
    const s = same ? c : sideVerdict(b.stable, lambda, scope, b.methods, 'stable', role);
    const sStatus = s.status === 'fail' ? 'warn' : s.status;
    const statuses = same ? [c.status] : [c.status, sStatus];
    const status = statuses.every((x) => x === 'skipped') ? 'skipped' : (0,types/* worst */.QZ)(statuses);
    const used = b.methods.map((m) => `${m.method} ${m.path}`).join(', ');
    const found = same
        ? `${used}: stable and canary call ${canary}. ${c.found}`
        : `${used}: canary ${canary}; stable ${stable}. Canary: ${c.found} Stable: ${s.found}`;
    const todo = [c.todo, same ? undefined : s.todo].filter(Boolean).join(' ');
    return {
        id: 'backend',
        title: `Backend ${canary}`,
        status,
        found,
        ...(todo ? { todo } : {}),
        backend: { stable, canary: same ? 'same as stable' : canary }
    };
}
/** Pure: every backend row, or one skipped row when the integrations could not be read. */
function checkBackends(f, scope) {
    const title = 'Backends';
    if ((0,types/* isDenied */.GZ)(f.integrations))
        return [
            {
                id: 'backend',
                title,
                status: 'skipped',
                found: 'Could not read the integrations: access denied.',
                todo: `Allow ${f.integrations.denied} to the role the action runs as, to have this checked.`
            }
        ];
    const backends = (0,targets/* backendsOf */.dc)(f.integrations, f.stageVariables, f.overrides);
    if (backends.length === 0)
        return [
            { id: 'backend', title, status: 'pass', found: 'No integration calls a backend (MOCK only).' }
        ];
    return backends.map((b) => checkBackend(b, (arn) => f.lambdas[arn], scope));
}
/** Pure: the checks with `rows` in place of the backend rows they had (the check after an import replaces preflight's). */
function withBackendRows(checks, rows) {
    return [...(checks ?? []).filter((c) => c.id !== 'backend'), ...rows];
}


/***/ }),

/***/ 9731:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z3: () => (/* binding */ targetText),
/* harmony export */   dc: () => (/* binding */ backendsOf)
/* harmony export */ });
/* unused harmony exports resolveVariables, targetOf */
/**
 * Pure: where each integration sends its requests, with the stage's variables
 * (the stable side) and with the canary's overrides laid over them (the
 * canary side), grouped per distinct backend.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/stage-variables.html
 */
const VARIABLE = /\$\{stageVariables\.([A-Za-z0-9_]+)\}/g;
/** A URI with `${stageVariables.x}` replaced; the names no variable gives a value to. */
function resolveVariables(text, vars) {
    const unresolved = new Set();
    const out = text.replace(VARIABLE, (whole, name) => {
        const v = vars[name];
        if (v === undefined || v === '') {
            unresolved.add(name);
            return whole;
        }
        return v;
    });
    return { text: out, unresolved: [...unresolved] };
}
const LAMBDA_URI = /^arn:([^:]+):apigateway:([^:]+):lambda:path\/[^/]+\/functions\/(.+)\/invocations$/;
const FUNCTION_ARN = /^arn:([^:]+):lambda:([^:]+):([^:]*):function:([^:]+)(?::([^:]+))?$/;
/** Pure: where one side of an integration sends its requests. */
function targetOf(i, vars) {
    const uri = resolveVariables(i.uri ?? '', vars);
    const link = i.connectionType === 'VPC_LINK' ? resolveVariables(i.connectionId ?? '', vars) : undefined;
    const unresolved = [...new Set([...uri.unresolved, ...(link?.unresolved ?? [])])];
    if (unresolved.length > 0) {
        const text = link ? `${uri.text} via VPC link ${link.text}` : uri.text;
        return { kind: 'unresolved', text, variables: unresolved };
    }
    if (i.type === 'HTTP' || i.type === 'HTTP_PROXY')
        return { kind: 'http', url: uri.text, ...(link ? { vpcLink: link.text } : {}) };
    const lambda = LAMBDA_URI.exec(uri.text);
    const fn = lambda ? FUNCTION_ARN.exec(lambda[3]) : null;
    if (fn) {
        const [, partition, region, account, functionName, qualifier] = fn;
        return {
            kind: 'lambda',
            partition: partition,
            region: region,
            account: account,
            functionName: functionName,
            ...(qualifier ? { qualifier } : {}),
            arn: lambda[3]
        };
    }
    return { kind: 'other', text: uri.text || i.type };
}
/** How a target shows in the table and the log. */
function targetText(t) {
    switch (t.kind) {
        case 'lambda':
            return `Lambda ${t.functionName}${t.qualifier ? `:${t.qualifier}` : ''}`;
        case 'http':
            return t.vpcLink ? `${t.url} via VPC link ${t.vpcLink}` : t.url;
        case 'other':
            return t.text;
        case 'unresolved':
            return `${t.text} (unresolved: ${t.variables.map((v) => `\${stageVariables.${v}}`).join(', ')})`;
    }
}
/** Pure: the API's integrations grouped per distinct backend, each side resolved. */
function backendsOf(integrations, stageVars, overrides) {
    const canaryVars = { ...stageVars, ...overrides };
    const byKey = new Map();
    for (const i of integrations) {
        if (i.type === 'MOCK' || !i.uri)
            continue;
        const key = `${i.type} ${i.uri} ${i.connectionType ?? ''} ${i.connectionId ?? ''}`;
        const b = byKey.get(key);
        if (b)
            b.methods.push({ path: i.path, method: i.method });
        else
            byKey.set(key, {
                integration: i,
                methods: [{ path: i.path, method: i.method }],
                stable: targetOf(i, stageVars),
                canary: targetOf(i, canaryVars)
            });
    }
    return [...byKey.values()];
}


/***/ }),

/***/ 6833:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JC: () => (/* binding */ traitsOf),
/* harmony export */   Lo: () => (/* binding */ COMMANDS),
/* harmony export */   Wv: () => (/* binding */ commandsWhere)
/* harmony export */ });
/* unused harmony export COMMAND_TRAITS */
/**
 * The action's commands (the `command` input) and what each needs, said once.
 * Pure, and imports nothing: every layer may read it. Code outside
 * src/commands/ asks a command's traits here (`traitsOf(cfg.command).bakes`),
 * never compares its name (__tests__/architecture.test.ts checks).
 *
 * A new command: a file in src/commands/ (read -> decide -> act), an entry
 * here, and its loader in src/commands/index.ts.
 */
const COMMANDS = [
    'deploy',
    'shift',
    'ramp',
    'promote',
    'rollback',
    'status',
    'preflight'
];
const RELEASE = {
    kind: 'release',
    preflightFirst: false,
    drivesExpectedCanary: false,
    bakes: false,
    raises: 'none',
    importsDefinition: false,
    walksLadder: false,
    overrides: 'none',
    decreasesUnread: false,
    metrics: 'after',
    investigates: true,
    githubDeployment: 'find',
    rollsBackByHand: false
};
const READ_ONLY = {
    kind: 'read-only',
    preflightFirst: false,
    drivesExpectedCanary: false,
    bakes: false,
    raises: 'none',
    importsDefinition: false,
    walksLadder: false,
    overrides: 'none',
    decreasesUnread: false,
    metrics: 'none',
    investigates: false,
    githubDeployment: 'none',
    rollsBackByHand: false
};
const COMMAND_TRAITS = {
    deploy: {
        ...RELEASE,
        preflight: 'first-rung',
        preflightFirst: true,
        bakes: true,
        raises: 'to-percent',
        importsDefinition: true,
        overrides: 'creates',
        percent: 'number',
        githubDeployment: 'create'
    },
    shift: { ...RELEASE, bakes: true, raises: 'maybe', percent: 'required', decreasesUnread: true },
    ramp: {
        ...RELEASE,
        preflight: 'above-canary',
        preflightFirst: true,
        drivesExpectedCanary: true,
        bakes: true,
        raises: 'raises',
        walksLadder: true
    },
    promote: { ...RELEASE, raises: 'promotes' },
    rollback: { ...RELEASE, rollsBackByHand: true },
    status: { ...READ_ONLY, metrics: 'during' },
    preflight: { ...READ_ONLY, preflight: 'ladder', overrides: 'when-given', investigates: true }
};
/** What `command` needs. */
const traitsOf = (command) => COMMAND_TRAITS[command];
/** The commands with a trait, in the table's order (an input's `usedBy`). */
const commandsWhere = (test) => COMMANDS.filter((c) => test(COMMAND_TRAITS[c]));


/***/ }),

/***/ 2817:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ax: () => (/* binding */ shortCommit),
/* harmony export */   D3: () => (/* binding */ commitOf),
/* harmony export */   Kd: () => (/* binding */ sameCommit),
/* harmony export */   PQ: () => (/* binding */ buildDescription),
/* harmony export */   f5: () => (/* binding */ provenanceFromEnv),
/* harmony export */   l2: () => (/* binding */ ownershipProblem)
/* harmony export */ });
/* unused harmony export definitionOf */
function provenanceFromEnv(env = process.env) {
    const v = (k) => env[k]?.trim() || undefined;
    return {
        repository: v('GITHUB_REPOSITORY'),
        sha: v('GITHUB_SHA'),
        runId: v('GITHUB_RUN_ID'),
        runAttempt: v('GITHUB_RUN_ATTEMPT'),
        actor: v('GITHUB_ACTOR')
    };
}
const MARK = 'apigw-canary:';
const SHA = '[0-9a-fA-F]{7,64}';
const STEP = '[0-9a-fA-F]+';
/** The OpenAPI definition a deployment was imported from: the first 12 hex digits of its sha256. */
const DEFINITION = 'definition sha256:([0-9a-f]{12})';
/**
 * Where buildDescription puts the commit, and nowhere else: a generated
 * description is the mark alone; a custom one ends with it in parentheses. A
 * mark-like text inside the user's own words is never read as the commit.
 */
const GENERATED_RE = new RegExp(`^apigw-canary: (\\S+)@(${SHA})(?: run \\d+(?: attempt \\d+)?)?(?: by \\S+)?(?:, step ${STEP})?(?:, ${DEFINITION})?$`);
const CUSTOM_SUFFIX_RE = new RegExp(`\\(apigw-canary: (\\S+)@(${SHA}), step ${STEP}(?:, ${DEFINITION})?\\)$`);
/**
 * The deployment's description. The default records repository, commit, run
 * and attempt, and actor. A user's own description is kept and the
 * `apigw-canary: repo@sha` mark is appended, so that re-running the job still
 * recognises its canary and never creates a second deployment. `stepId`,
 * random per step, makes the description this step's alone: after a lost
 * CreateDeployment answer, only a deployment this step made is adopted.
 * `definitionSha256`, when deploy imported an OpenAPI file, is recorded as
 * `definition sha256:<12 hex>` after the step, so status shows what the canary serves.
 */
function buildDescription(custom, p, stepId, definitionSha256) {
    const commit = p.repository && p.sha ? `${p.repository}@${p.sha}` : undefined;
    const def = definitionSha256
        ? `, definition sha256:${definitionSha256.slice(0, 12).toLowerCase()}`
        : '';
    const step = `step ${stepId}${def}`;
    if (custom !== undefined)
        return `${custom} (${MARK}${commit ? ` ${commit},` : ''} ${step})`;
    if (!commit)
        return `${MARK} manual deployment${p.actor ? ` by ${p.actor}` : ''}, ${step}`;
    const run = p.runId ? ` run ${p.runId}${p.runAttempt ? ` attempt ${p.runAttempt}` : ''}` : '';
    return `${MARK} ${commit}${run}${p.actor ? ` by ${p.actor}` : ''}, ${step}`;
}
/** The repository and commit recorded by buildDescription, if any. */
function commitOf(description) {
    const m = description
        ? (GENERATED_RE.exec(description) ?? CUSTOM_SUFFIX_RE.exec(description))
        : null;
    return m ? { repository: m[1], sha: m[2] } : undefined;
}
/** The sha256 prefix of the OpenAPI definition buildDescription recorded, if any. */
function definitionOf(description) {
    if (!description || !commitOf(description)) {
        return description
            ? new RegExp(`^apigw-canary: manual deployment.*, ${DEFINITION}$`).exec(description)?.[1]
            : undefined;
    }
    return (GENERATED_RE.exec(description) ?? CUSTOM_SUFFIX_RE.exec(description))?.[3];
}
/** Whether a deployment description records the same repository and commit as this run. */
function sameCommit(description, p) {
    const c = commitOf(description);
    return (c !== undefined && c.repository === p.repository && c.sha.toLowerCase() === p.sha?.toLowerCase());
}
/** How a commit reads in messages: `owner/repo@0123456`. */
function shortCommit(c) {
    return `${c.repository}@${c.sha.slice(0, 12)}`;
}
/**
 * Pure: why this run must not raise or promote the canary, or undefined when
 * the canary is its own release's. By default that is the canary deployed from
 * the workflow's commit; `expected` (expected-canary-deployment-id) names the
 * one deployment a manual step may drive instead.
 */
function ownershipProblem(canaryId, description, p, expected) {
    const theirs = commitOf(description);
    const from = theirs ? `commit ${shortCommit(theirs)}` : 'no commit this action recorded';
    if (expected !== undefined) {
        if (expected === canaryId)
            return undefined;
        return `the canary is deployment ${canaryId} (${from}), not expected-canary-deployment-id ${expected}: another release replaced it. Nothing was changed; check the stage (command: status) before going on.`;
    }
    if (!p.repository || !p.sha) {
        return `this run has no commit to match the canary against (GITHUB_REPOSITORY and GITHUB_SHA are not set): set expected-canary-deployment-id: ${canaryId} to drive canary ${canaryId} (${from}).`;
    }
    if (sameCommit(description, p))
        return undefined;
    return `the canary is deployment ${canaryId} from ${from}, not this workflow's commit ${shortCommit({ repository: p.repository, sha: p.sha })}: a step raises or promotes only its own release's canary. To drive that canary from this workflow on purpose, set expected-canary-deployment-id: ${canaryId}; to release this commit, deploy it first.`;
}


/***/ }),

/***/ 8571:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   a: () => (/* binding */ formatDuration),
/* harmony export */   y: () => (/* binding */ parseDurationMs)
/* harmony export */ });
/* harmony import */ var parse_duration__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7595);

const BARE_SECONDS = /^\d+(\.\d+)?$/;
// One or more <number><unit> groups (90s, 5m, 1h30m, 1h 30m); the unit words are
// parse-duration's (s, sec, m, min, h, hr, ...). Anything else is refused rather
// than half-read.
const UNIT_GROUPS = /^(\d+(\.\d+)?\s*[a-zµμ]+\s*)+$/i;
/** Milliseconds for `90s`, `5m`, `1h30m` or a bare number of seconds; null when unreadable. */
function parseDurationMs(text) {
    const s = text.trim();
    if (s === '')
        return null;
    if (BARE_SECONDS.test(s))
        return Math.round(Number(s) * 1000);
    if (!UNIT_GROUPS.test(s))
        return null;
    // parse-duration skips a unit it does not know when there are several groups
    // ("1h30mn" would be 1h): every unit must be one it reads on its own.
    for (const [, unit] of s.matchAll(/\d+(?:\.\d+)?\s*([a-zµμ]+)/gi)) {
        const one = (0,parse_duration__WEBPACK_IMPORTED_MODULE_0__/* ["default"] */ .A)(`1${unit}`);
        if (one === null || one === undefined || !(one > 0))
            return null;
    }
    const ms = (0,parse_duration__WEBPACK_IMPORTED_MODULE_0__/* ["default"] */ .A)(s);
    return ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0 ? null : Math.round(ms);
}
/** `1h30m`, `5m`, `90s` → `1h30m`, `5m`, `1m30s`; sub-second values as `250ms`. */
function formatDuration(ms) {
    if (ms < 1000)
        return `${Math.round(ms)}ms`;
    let s = Math.round(ms / 1000);
    const h = Math.floor(s / 3600);
    s -= h * 3600;
    const m = Math.floor(s / 60);
    s -= m * 60;
    return [h ? `${h}h` : '', m ? `${m}m` : '', s || (!h && !m) ? `${s}s` : ''].join('');
}


/***/ }),

/***/ 3706:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ withoutUserinfo),
/* harmony export */   t: () => (/* binding */ userinfoOf)
/* harmony export */ });
/**
 * endpoint-url may carry userinfo (`http://user:password@host`): a secret,
 * masked when read (github/secrets.ts) and never shown as it is.
 */
/**
 * A URL as the action may show it: userinfo (`user:password@`) replaced by
 * ***@. Text that is not a URL is returned as it is.
 */
function withoutUserinfo(url) {
    return url.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#]*@/, '$1***@');
}
/** The userinfo of a URL (`user:password`), undefined when it has none. */
function userinfoOf(url) {
    return /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)@/.exec(url)?.[1];
}


/***/ }),

/***/ 4888:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DR: () => (/* binding */ evaluateGate),
/* harmony export */   Fk: () => (/* binding */ worstState),
/* harmony export */   Lu: () => (/* binding */ ungatedWhy),
/* harmony export */   SZ: () => (/* binding */ ungatedMessage),
/* harmony export */   V5: () => (/* binding */ describeBlocking),
/* harmony export */   hS: () => (/* binding */ ungatedRefusal),
/* harmony export */   w5: () => (/* binding */ gateKind)
/* harmony export */ });
/* harmony import */ var _commands_catalog_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6833);

const RANK = { OK: 0, INSUFFICIENT_DATA: 1, ALARM: 2 };
function worstState(alarms) {
    if (!alarms || alarms.length === 0)
        return 'NONE';
    return alarms.reduce((w, a) => (RANK[a.state] > RANK[w] ? a.state : w), 'OK');
}
/** The alarm gate: pure, from the alarms as read and the insufficient-data policy. */
function evaluateGate(alarms, insufficientData) {
    const firing = alarms.filter((a) => a.state === 'ALARM');
    const noData = alarms.filter((a) => a.state === 'INSUFFICIENT_DATA');
    const blocking = insufficientData === 'alarm' ? [...firing, ...noData] : firing;
    return {
        pass: blocking.length === 0,
        worst: worstState(alarms),
        blocking,
        insufficient: insufficientData === 'ok' ? noData : []
    };
}
/** `5xx-errors (ALARM: Threshold Crossed ...)` for logs and abort reasons. */
function describeBlocking(blocking) {
    return blocking.map((a) => `${a.name} is ${a.state}${a.reason ? `: ${a.reason}` : ''}`).join('; ');
}
/**
 * What stops a failing canary in this step: its alarms; else the canary
 * analysis, when it gates (`analysis: gate`) a bake this step runs (deploy,
 * shift and ramp bake; promote does not); else nothing.
 */
function gateKind(cfg) {
    if (cfg.alarmNames.length > 0 || cfg.alarmNamePrefix !== undefined)
        return 'alarms';
    const bakes = (0,_commands_catalog_js__WEBPACK_IMPORTED_MODULE_0__/* .traitsOf */ .JC)(cfg.command).bakes && cfg.bakeTimeMs > 0;
    return cfg.analysisMode === 'gate' && bakes ? 'analysis' : 'none';
}
/** Why nothing gates this step, in the words of the inputs that would. */
function ungatedWhy(cfg) {
    const analysis = cfg.analysisMode !== 'gate'
        ? `'analysis' is ${cfg.analysisMode}, not gate`
        : cfg.bakeTimeMs > 0
            ? `the canary analysis does not judge ${cfg.command}`
            : `'analysis: gate' judges only during a bake and 'bake-time' is 0`;
    return `no alarm ('alarm-names' or 'alarm-name-prefix') and ${analysis}`;
}
/**
 * The refusal of a step that would raise canary traffic or promote with no
 * gate at all, unless the workflow said `allow-ungated: true`; undefined when
 * the step is gated, allowed, or (shift) not known yet to raise anything (its
 * gate refuses at the increase). Decided from the inputs, before any AWS call.
 */
function ungatedRefusal(cfg) {
    if (cfg.allowUngated || gateKind(cfg) !== 'none')
        return undefined;
    const { raises } = (0,_commands_catalog_js__WEBPACK_IMPORTED_MODULE_0__/* .traitsOf */ .JC)(cfg.command);
    const raisesNow = raises === 'raises' || raises === 'promotes' || (raises === 'to-percent' && cfg.percent !== 0);
    return raisesNow
        ? ungatedMessage(cfg, raises === 'promotes' ? 'promote' : 'raise canary traffic')
        : undefined;
}
/** The one line that refuses an ungated change. */
function ungatedMessage(cfg, what) {
    return (`Input 'allow-ungated' is false and ${cfg.command} would ${what} with nothing to stop a failing canary: ` +
        `${ungatedWhy(cfg)}. Name an alarm in 'alarm-names', or set allow-ungated: true to release ungated on purpose.`);
}


/***/ }),

/***/ 3567:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $i: () => (/* binding */ parseSteps),
/* harmony export */   NC: () => (/* binding */ rungsAbove),
/* harmony export */   O7: () => (/* binding */ nextRung)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);

const STEPS_FORM = 'a strictly ascending list of percentages, each above 0 and at most 100, e.g. 5,10,25,50,100';
/** Parses the traffic ladder (`5,10,25,50,100`, `%` accepted). */
function parseSteps(input, raw) {
    const parts = raw.split(/[,\n\s]+/).filter(Boolean);
    const bad = () => {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `Input '${input}' must be ${STEPS_FORM}; got ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .shownValue */ .JJ)(raw)}.`);
    };
    if (parts.length === 0)
        bad();
    const steps = parts.map((p) => {
        if (!/^\d+(\.\d+)?%?$/.test(p))
            bad();
        return Number(p.replace('%', ''));
    });
    steps.forEach((s, i) => {
        if (!(s > 0 && s <= 100))
            bad();
        if (i > 0 && s <= steps[i - 1])
            bad();
    });
    return steps;
}
/** The smallest rung strictly above `percent`, or undefined at (or past) the top. */
function nextRung(steps, percent) {
    return steps.find((s) => s > percent + 1e-9);
}
/** Every rung strictly above `percent`, in order: what a ramp still has to walk. */
function rungsAbove(steps, percent) {
    return steps.filter((s) => s > percent + 1e-9);
}


/***/ }),

/***/ 9687:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   YR: () => (/* binding */ apiNotFound),
/* harmony export */   hd: () => (/* binding */ missingStageTodo),
/* harmony export */   os: () => (/* binding */ stageNotFound)
/* harmony export */ });
/* unused harmony export closestName */
/* harmony import */ var fastest_levenshtein__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1916);
/**
 * Pure: what to say when the REST API or the stage does not exist. AWS's own
 * NotFound names neither the region nor what does exist; a wrong stage is far
 * more often a typo than a stage still to create, so the line lists the
 * stages there are, names the closest, and says to check the input.
 */

function apiNotFound(w) {
    return `REST API '${w.restApiId}' was not found in ${w.region}: check rest-api-id (the API's id, such as a1b2c3d4e5, not its name) and aws-region.`;
}
/** The existing name `name` was most likely meant to be: same but for case, or a few edits away. */
function closestName(name, names) {
    const same = names.find((n) => n.toLowerCase() === name.toLowerCase());
    if (same)
        return same;
    const limit = Math.max(1, Math.floor(name.length / 3));
    let best;
    for (const n of names) {
        const d = (0,fastest_levenshtein__WEBPACK_IMPORTED_MODULE_0__/* .distance */ .Io)(name.toLowerCase(), n.toLowerCase());
        if (d <= limit && (!best || d < best.d))
            best = { name: n, d };
    }
    return best?.name;
}
/** What the stages of the API are, and which one `stage` probably meant. */
function stageNotFound(w, stages) {
    const shown = stages.slice(0, 20).join(', ') + (stages.length > 20 ? ', …' : '');
    const there = stages.length ? `its stages are ${shown}` : 'it has no stage';
    const near = closestName(w.stage, stages);
    return `Stage '${w.stage}' of REST API '${w.restApiId}' in ${w.region} was not found: ${there}. ${near ? `Did you mean '${near}'? Check the stage input.` : 'Check the stage input.'}`;
}
/**
 * Preflight's advice for a stage that does not exist: stageNotFound's line;
 * creating the stage is mentioned only when no existing stage is close to
 * the name (then it may be a new stage rather than a typo).
 */
function missingStageTodo(w, stages) {
    const line = stageNotFound(w, stages);
    if (closestName(w.stage, stages))
        return line;
    return `${line} If ${w.stage} is a new stage, create it with its first deployment before the first canary release.`;
}


/***/ }),

/***/ 5333:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GM: () => (/* binding */ setTrafficOps),
/* harmony export */   Lx: () => (/* binding */ applyOps),
/* harmony export */   R_: () => (/* binding */ promoteOps),
/* harmony export */   Sw: () => (/* binding */ attachCanaryOps),
/* harmony export */   hz: () => (/* binding */ pointStageOps),
/* harmony export */   nu: () => (/* binding */ removeCanaryOps)
/* harmony export */ });
/* unused harmony export percentValue */
/** API Gateway takes every patch value as a string; percentages as `25.0`. */
function percentValue(n) {
    return Number.isInteger(n) ? n.toFixed(1) : String(n);
}
function setTrafficOps(percent) {
    return [{ op: 'replace', path: '/canarySettings/percentTraffic', value: percentValue(percent) }];
}
/** AWS's documented promotion: traffic 0, overrides merged into the stage variables, deployment copied. */
function promoteOps() {
    return [
        { op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' },
        { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' },
        { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' }
    ];
}
function removeCanaryOps() {
    return [{ op: 'remove', path: '/canarySettings' }];
}
function pointStageOps(deploymentId) {
    return [{ op: 'replace', path: '/deploymentId', value: deploymentId }];
}
/** Attaches an existing deployment as the canary (used to adopt a deployment whose creation answer was lost). */
function attachCanaryOps(deploymentId, percent, overrides, useStageCache) {
    return [
        { op: 'replace', path: '/canarySettings/deploymentId', value: deploymentId },
        { op: 'replace', path: '/canarySettings/percentTraffic', value: percentValue(percent) },
        { op: 'replace', path: '/canarySettings/useStageCache', value: String(useStageCache) },
        ...Object.entries(overrides).map(([k, v]) => ({
            op: 'replace',
            path: `/canarySettings/stageVariableOverrides/${k}`,
            value: v
        }))
    ];
}
/**
 * What a patch would do to the stage, for dry-run: the same rules as
 * docs/aws-behaviour.md#updatestage-patch-operations (operations in order,
 * copy merges overrides, promotion leaves the canary at the stage's
 * deployment). Only the operations this action sends.
 */
function applyOps(state, ops) {
    const s = structuredClone(state);
    // Keep the settings of a leftover canary addressable while applying.
    let settings = s.canary ??
        (s.leftover
            ? { deploymentId: s.stableDeploymentId, percent: 0, overrides: {}, useStageCache: false }
            : undefined);
    const ensure = () => (settings ??= {
        deploymentId: s.stableDeploymentId,
        percent: 0,
        overrides: {},
        useStageCache: false
    });
    for (const op of ops) {
        if (op.op === 'replace' && op.path === '/canarySettings/percentTraffic')
            ensure().percent = Number(op.value);
        else if (op.op === 'replace' && op.path === '/canarySettings/deploymentId')
            ensure().deploymentId = op.value;
        else if (op.op === 'replace' && op.path === '/canarySettings/useStageCache')
            ensure().useStageCache = op.value === 'true';
        else if (op.op === 'replace' && op.path?.startsWith('/canarySettings/stageVariableOverrides/'))
            ensure().overrides[op.path.split('/').pop()] = op.value;
        else if (op.op === 'copy' && op.path === '/variables')
            Object.assign(s.variables, settings?.overrides ?? {});
        else if (op.op === 'copy' && op.path === '/deploymentId' && settings)
            s.stableDeploymentId = settings.deploymentId;
        else if (op.op === 'replace' && op.path === '/deploymentId')
            s.stableDeploymentId = op.value;
        else if (op.op === 'remove' && op.path === '/canarySettings')
            settings = undefined;
    }
    const own = settings !== undefined && settings.deploymentId !== s.stableDeploymentId;
    s.canary = own ? settings : undefined;
    s.leftover = settings !== undefined && !own;
    return s;
}


/***/ }),

/***/ 8557:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   b: () => (/* binding */ newReport),
/* harmony export */   d: () => (/* binding */ noteCanary)
/* harmony export */ });
/* harmony import */ var _description_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2817);

function newReport(cmd, now) {
    const { alarmNames, alarmNamePrefix, ...rest } = cmd;
    return {
        ...rest,
        alarmsConfigured: (alarmNames?.length ?? 0) > 0 || alarmNamePrefix !== undefined,
        before: undefined,
        after: undefined,
        outcome: undefined,
        previousStableDeploymentId: undefined,
        drivenCanaryId: undefined,
        createInFlight: false,
        canaryCommit: undefined,
        canaryDescription: undefined,
        alarms: undefined,
        alarmState: 'NONE',
        abortReason: undefined,
        timeline: [],
        changes: [],
        metrics: undefined,
        githubDeploymentId: undefined,
        startedAt: now.toISOString(),
        finishedAt: undefined
    };
}
/** The canary's deployment description and the commit it records, as the report shows them. */
function noteCanary(report, description) {
    report.canaryDescription = description;
    report.canaryCommit = (0,_description_js__WEBPACK_IMPORTED_MODULE_0__/* .commitOf */ .D3)(description)?.sha;
}


/***/ }),

/***/ 984:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GM: () => (/* binding */ MAX_READ_FAILURES),
/* harmony export */   TK: () => (/* binding */ recoveryTarget),
/* harmony export */   Zo: () => (/* binding */ alarmResponse),
/* harmony export */   bR: () => (/* binding */ bakeNext),
/* harmony export */   px: () => (/* binding */ alarmsStop)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/**
 * One verdict, one response: every decision that takes canary traffic to
 * 0 % (or leaves it, per `on-alarm`), as pure functions.
 *
 * - `bakeNext`: what a bake does after a poll, from the alarms and what the
 *   judge asked (src/analysis/bake-policy.ts decides that: fail, extend to
 *   max-bake-time, end on evidence): continue, end, extend, roll back or fail;
 * - `alarmResponse`: what an alarm, an unhealthy canary or a failing analysis
 *   on traffic this step raised does (a bake, a ramp's next-rung gate, a
 *   promotion's gate);
 * - `recoveryTarget`: what a failed or cancelled step does to the traffic it raised.
 *
 * src/steps/response.ts carries them out (`respond`, `zeroCanary`).
 */

/** Pure: the response to a trigger on traffic this step raised, per `on-alarm`. */
function alarmResponse(trigger, reason, onAlarm) {
    return { next: onAlarm === 'rollback' ? 'roll-back' : 'fail', trigger, reason };
}
/** Consecutive failed alarm reads that count as an unhealthy canary (fail closed). */
const MAX_READ_FAILURES = 3;
/** Pure: whether this poll's alarms stop the bake whatever the judge says. */
function alarmsStop(alarms) {
    return (alarms?.kind === 'alarm' ||
        (alarms?.kind === 'read-failed' && alarms.failures >= MAX_READ_FAILURES));
}
/**
 * Pure: what a bake does after a poll. A gating alarm, MAX_READ_FAILURES
 * failed reads in a row, or a failing judge: the alarm response. Else the
 * judge may extend the bake or end it early; a bake whose time is up ends
 * clean only if its last alarm read succeeded (otherwise it reads on).
 */
function bakeNext(p, onAlarm) {
    const { alarms, judged } = p;
    if (alarms?.kind === 'alarm')
        return alarmResponse('alarm', alarms.reason, onAlarm);
    if (alarms?.kind === 'read-failed' && alarms.failures >= MAX_READ_FAILURES) {
        const reason = `unhealthy: the alarms could not be read ${MAX_READ_FAILURES} times in a row (${alarms.reason})`;
        return alarmResponse('unhealthy', reason, onAlarm);
    }
    if (judged?.action === 'fail')
        return alarmResponse('analysis', judged.reason, onAlarm);
    const deadline = judged?.action === 'extend' ? judged.until : p.deadline;
    if (p.now >= deadline || judged?.action === 'done') {
        if (p.lastReadOk)
            return { next: 'end' };
        return { next: 'continue', deadline, overtime: true };
    }
    if (judged?.action === 'extend')
        return { next: 'extend', until: deadline };
    return { next: 'continue', deadline, overtime: false };
}
/** Pure: what a failed step must do to canary traffic so it ends no higher than it started. */
function recoveryTarget(err, start, now, opts) {
    if (now <= start || opts.rolledBack)
        return undefined;
    if (err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .CancelledError */ .cc)
        return opts.rollbackOnCancel ? { percent: 0, why: 'cancel' } : undefined;
    // Another run owns the stage now.
    if (err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConflictError */ .fK)
        return undefined;
    // An alarm on traffic this step raised (a refused gate, or a rollback call that failed): per on-alarm.
    if (err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .GateError */ .ue || opts.alarmed) {
        const r = alarmResponse('alarm', (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(err), opts.onAlarm);
        return r.next === 'roll-back' ? { percent: 0, why: 'alarm' } : undefined;
    }
    return { percent: start, why: 'restore' };
}


/***/ }),

/***/ 8298:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ newRunState),
/* harmony export */   v: () => (/* binding */ recordRun)
/* harmony export */ });
/* harmony import */ var _gate_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4888);

const newRunState = () => ({
    before: undefined,
    stage: undefined,
    drivenCanaryId: undefined,
    createInFlight: false,
    timeline: [],
    alarms: undefined,
    ungated: false,
    rolledBack: false,
    promoted: false,
    analysis: undefined,
    changes: []
});
/**
 * The report's view of the run state: the stage as found and as left, the
 * canary driven, a create in doubt, the timeline, the alarms, the outcome (a
 * rollback wins over a promotion) and the analysis's verdict.
 */
function recordRun(report, run) {
    report.before = run.before;
    report.after = run.stage;
    report.drivenCanaryId = run.drivenCanaryId;
    report.createInFlight = run.createInFlight;
    report.timeline = [...run.timeline];
    report.changes = [...run.changes];
    if (run.alarms) {
        report.alarms = run.alarms;
        report.alarmState = (0,_gate_js__WEBPACK_IMPORTED_MODULE_0__/* .worstState */ .Fk)(run.alarms);
    }
    if (run.ungated)
        report.ungated = true;
    if (run.rolledBack)
        report.outcome = 'rolled-back';
    else if (run.promoted)
        report.outcome = 'promoted';
    if (run.analysis)
        report.analysis = run.analysis;
}


/***/ }),

/***/ 41:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Oe: () => (/* binding */ pct),
/* harmony export */   fC: () => (/* binding */ stageStateOf),
/* harmony export */   t7: () => (/* binding */ trafficOf)
/* harmony export */ });
/** Pure: where a release stands, from a Stage as API Gateway answers it. */
function stageStateOf(stage) {
    const settings = stage.canarySettings;
    const stable = stage.deploymentId ?? '';
    const hasOwnCanary = settings !== undefined &&
        settings.deploymentId !== undefined &&
        settings.deploymentId !== stable;
    return {
        stableDeploymentId: stable,
        variables: { ...(stage.variables ?? {}) },
        canary: hasOwnCanary
            ? {
                deploymentId: settings.deploymentId,
                percent: settings.percentTraffic ?? 0,
                overrides: { ...(settings.stageVariableOverrides ?? {}) },
                useStageCache: settings.useStageCache ?? false
            }
            : undefined,
        leftover: settings !== undefined && !hasOwnCanary,
        ...(stage.lastUpdatedDate ? { updatedAt: stage.lastUpdatedDate.getTime() } : {})
    };
}
/** Canary traffic, 0 with no canary. */
function trafficOf(state) {
    return state?.canary?.percent ?? 0;
}
/** `25` → `25%`, `12.5` → `12.5%`. */
function pct(n) {
    return `${Number(n.toFixed(4))}%`;
}


/***/ }),

/***/ 9662:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cd: () => (/* binding */ parseYamlText),
/* harmony export */   t$: () => (/* binding */ yamlValue)
/* harmony export */ });
/* unused harmony exports MAX_YAML_ALIASES, yamlProblem */
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);
/**
 * YAML from untrusted text (an input, a definition file) that never prints.
 *
 * The `yaml` library's `parse()` hands its warnings to `process.emitWarning`,
 * which Node writes to stderr with the offending source line at the start of a
 * line; the runner reads workflow commands from stderr too, so a line
 * `::error::…` in a value would reach it as a command. Here the library only
 * collects (`logLevel: 'error'`, and `parseDocument`, which never logs nor
 * throws): its warnings and errors come back as text for the caller to report
 * through the untrusted-text path (src/github/untrusted.ts).
 */

/**
 * Aliases (`*name`) allowed when a document is turned into plain values. The
 * library's default (100) counts every expansion, and refuses beyond it as a
 * "resource exhaustion attack"; a definition's `paths` reuse schemas often.
 */
const MAX_YAML_ALIASES = 10_000;
/** What the library says about a problem, on one line: `Unresolved tag: !!x at line 2, column 4`. */
function yamlProblem(e) {
    const first = e.message.split('\n')[0].trim().replace(/:$/, '');
    return 'code' in e ? `${first} (${e.code})` : first;
}
/** Parses one YAML document without printing anything; the first error is the problem. */
function parseYamlText(text) {
    const doc = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parseDocument */ .Tp)(text, { logLevel: 'error' });
    const error = doc.errors[0];
    if (error)
        return { ok: false, problem: yamlProblem(error) };
    return { ok: true, doc, warnings: doc.warnings.map(yamlProblem) };
}
/**
 * The document as plain values (aliases expanded, at most MAX_YAML_ALIASES), or
 * the problem: a parse error, a warning (an unresolved tag means the text said
 * something this reader does not understand), or too many aliases.
 */
function yamlValue(text) {
    const parsed = parseYamlText(text);
    if (!parsed.ok)
        return parsed;
    if (parsed.warnings.length > 0)
        return { ok: false, problem: parsed.warnings[0] };
    try {
        return { ok: true, value: parsed.doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }) };
    }
    catch (err) {
        const problem = err instanceof ReferenceError && /alias/i.test(err.message)
            ? `more than ${MAX_YAML_ALIASES} alias expansions (a limit against resource exhaustion)`
            : yamlProblem(err);
        return { ok: false, problem };
    }
}


/***/ }),

/***/ 1918:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Lk: () => (/* binding */ releaseCommit),
/* harmony export */   SR: () => (/* binding */ statusFor),
/* harmony export */   VE: () => (/* binding */ environmentName),
/* harmony export */   kj: () => (/* binding */ deploymentDescription),
/* harmony export */   zs: () => (/* binding */ cutDescription)
/* harmony export */ });
/* unused harmony exports MAX_DESCRIPTION, deploymentStep */
/* harmony import */ var _commands_catalog_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6833);
/**
 * Pure: what a step tells GitHub's Deployments history. From the step's
 * outcome, the deployment status to post (or none), and the names and payload
 * of the release's GitHub deployment.
 *
 * GitHub's states (https://docs.github.com/en/rest/deployments/statuses):
 * `in_progress` while the canary carries traffic, `success` once promoted
 * (with `auto_inactive`, so the deployment it replaced shows inactive),
 * `failure` when an alarm or a failed step ended the release, `inactive`
 * when someone rolled it back by hand.
 */

/** GitHub's limit on a deployment status description. */
const MAX_DESCRIPTION = 140;
/** `text` cut to `max` characters, ending in an ellipsis when cut. */
function cutDescription(text, max = MAX_DESCRIPTION) {
    const chars = [...text.replace(/\s+/g, ' ').trim()];
    return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}
const pct = (p) => `${p ?? 0} %`;
/**
 * The status a step posts, or undefined when it posts none: `status` and dry
 * runs change nothing, and a step that left no canary and did not fail has
 * nothing to record.
 */
function statusFor(o) {
    // Read-only commands change no release.
    if (o.dryRun || (0,_commands_catalog_js__WEBPACK_IMPORTED_MODULE_0__/* .traitsOf */ .JC)(o.command).githubDeployment === 'none')
        return undefined;
    const post = (state, description) => ({
        state,
        description: cutDescription(description),
        autoInactive: state === 'success'
    });
    const reason = o.abortReason?.trim() || 'no reason given';
    if (o.failed) {
        // An alarm (or a cancel) that set the canary to 0 %, or a step that failed with traffic left as is.
        return o.status === 'rolled-back'
            ? post('failure', `rolled back: ${reason}`)
            : post('failure', `${o.command} failed at ${pct(o.percent)}: ${reason}`);
    }
    switch (o.status) {
        case 'promoted':
            return post('success', 'promoted: the stage serves the canary to everyone');
        case 'canary':
            return post('in_progress', `canary ${pct(o.percent)}`);
        case 'rolled-back':
            return (0,_commands_catalog_js__WEBPACK_IMPORTED_MODULE_0__/* .traitsOf */ .JC)(o.command).rollsBackByHand
                ? post('inactive', 'rolled back by hand')
                : post('failure', `rolled back: ${reason}`);
        default:
            return undefined;
    }
}
/** The environment named by the `environment` input, else `{stage} ({region})`, e.g. `prod (us-east-1)`. */
function environmentName(input, stage, region) {
    const given = input?.trim();
    return given ? given : `${stage} (${region})`;
}
/** The GitHub deployment's description: which canary of which stage. */
function deploymentDescription(k) {
    return cutDescription(`apigw-canary: canary ${k.canaryDeploymentId} of ${k.restApiId}/${k.stage} in ${k.region}`);
}
/**
 * The commit the release's GitHub deployment belongs to: the one recorded on
 * the canary (a manual ramp may drive another commit's canary), else the
 * workflow's own.
 */
function releaseCommit(canaryCommit, workflowSha) {
    return canaryCommit && /^[0-9a-f]{40}$/i.test(canaryCommit) ? canaryCommit : workflowSha;
}
/**
 * Whether the step records its release on GitHub: `create` (deploy: find the
 * release's deployment, else create it, so a re-run does not make a second),
 * `find` (later steps: the one deploy created, else create it), `none`. Either
 * needs the canary's deployment id: the one before the step for promote and
 * rollback, which leave no canary.
 */
function deploymentStep(o) {
    if (!statusFor(o))
        return 'none';
    return traitsOf(o.command).githubDeployment;
}


/***/ }),

/***/ 3916:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IN: () => (/* binding */ cutText),
/* harmony export */   JJ: () => (/* binding */ shownValue),
/* harmony export */   cc: () => (/* binding */ CancelledError),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   fK: () => (/* binding */ ConflictError),
/* harmony export */   gJ: () => (/* binding */ errorMessage),
/* harmony export */   qq: () => (/* binding */ StateError),
/* harmony export */   ue: () => (/* binding */ GateError)
/* harmony export */ });
/* unused harmony export redact */
/** A bad input: one line that names the input and the form it accepts. */
class InputError extends Error {
    input;
    name = 'InputError';
    constructor(input, message) {
        super(message);
        this.input = input;
    }
}
/** An input's value as an error line shows it: JSON-quoted, and cut so that a huge value cannot flood the log. */
function shownValue(raw, max = 80) {
    return JSON.stringify(cutText(raw, max));
}
/** At most `max` characters: a value as typed can be huge. */
const cutText = (s, max) => s.length > max ? `${s.slice(0, max - 3)}...` : s;
/** A gate refused a traffic increase or a promotion. */
class GateError extends Error {
    name = 'GateError';
}
/** The stage is not in a state this command can act on (no canary, canary exists, ...). */
class StateError extends Error {
    name = 'StateError';
}
/** Another run changed the canary while this one was ramping it. */
class ConflictError extends Error {
    name = 'ConflictError';
}
/** The job was cancelled (SIGINT/SIGTERM from the runner). */
class CancelledError extends Error {
    by;
    name = 'CancelledError';
    /** When the signal came (performance.now()): the runner's grace counts from here. */
    at = performance.now();
    constructor(message = 'cancelled: the runner sent a termination signal', 
    /** The signal that cancelled the run, when one did. */
    by) {
        super(message);
        this.by = by;
    }
}
const OWN = new Set([
    'InputError',
    'GateError',
    'StateError',
    'ConflictError',
    'CancelledError',
    'NoAnswerError',
    'PaginationError'
]);
/**
 * Takes out of an AWS error message anything that can carry a credential: a
 * SignatureDoesNotMatch answer quotes the canonical request, whose headers
 * include the session token; query-string signing puts the key id and the
 * signature in the URL.
 */
function redact(message) {
    return message
        .replace(/\s*The Canonical String for this request should have been[\s\S]*$/i, ' (canonical request omitted)')
        .replace(/(x-amz-security-token[:=]\s*)[^\s'"&,]+/gi, '$1***')
        .replace(/(X-Amz-Credential=|Credential=)[^\s'"&,]+/g, '$1***')
        .replace(/(X-Amz-Signature=|Signature=)[0-9a-f]+/gi, '$1***')
        .replace(/\b(AKIA|ASIA)[A-Z0-9]{16}\b/g, '$1***');
}
/** One line for logs and abort-reason: our own errors as they are, others with their name (AWS's error code). */
function errorMessage(err) {
    if (err instanceof Error) {
        const named = err.name && err.name !== 'Error' && !OWN.has(err.name) && !err.message.startsWith(err.name);
        // Our own messages carry names the user gave (alarms, stages): only AWS's answers are redacted.
        const text = OWN.has(err.name)
            ? err.message
            : redact(`${named ? `${err.name}: ` : ''}${err.message}`);
        return text.replace(/\s*\n\s*/g, ' ');
    }
    return redact(String(err));
}


/***/ }),

/***/ 298:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E$: () => (/* binding */ redact),
/* harmony export */   Nd: () => (/* binding */ maskGivenSecrets),
/* harmony export */   XO: () => (/* binding */ MAX_MASKED)
/* harmony export */ });
/* unused harmony exports REDACTED, secretLines, maskSecret, holdSecret, forgetSecrets */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6421);
/* harmony import */ var _core_endpoint_url_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3706);
/**
 * Secrets the action holds (the GitHub token, AWS credentials, the password
 * part of an endpoint-url): masked in the runner's log as soon as they are
 * read (@actions/core's setSecret, the `add-mask` workflow command), and cut
 * out of every string the action writes anywhere (untrusted.ts calls redact()
 * first), because the runner masks only its log, not the job summary or what
 * a later step does with an output.
 *
 * The runner masks a secret line by line as the log arrives, so a value with
 * a line break is masked as each of its lines
 * (https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions#masking-a-value-in-a-log).
 */


/** What a secret shows as wherever the action writes. */
const REDACTED = '***';
/**
 * The longest line the runner is asked to mask. An `::add-mask::` line puts
 * the value on stdout once, so a huge input would be echoed whole; no GitHub
 * token or password is anywhere near this long. A longer line is still
 * redacted from everything the action writes, which never prints it.
 */
const MAX_MASKED = 1024;
/** Shorter lines are masked in the log but not redacted from the action's own text. */
const MIN_REDACTED = 4;
const held = new Set();
/**
 * The held secrets, longest first (a secret that contains another is cut
 * whole). Plain string search, not one regular expression: a secret of any
 * length (a 100 KB input) cannot make a pattern V8 refuses to compile.
 */
let longestFirst = [];
/** The lines of a secret worth masking: each line, trimmed, not empty. */
function secretLines(value) {
    return [
        ...new Set(value
            .split(/\r\n|[\r\n\u0085\u2028\u2029]/)
            .map((line) => line.trim())
            .filter((line) => line !== ''))
    ];
}
/** Masks `value` (each of its lines) in the runner's log and redacts it from what the action writes. */
function maskSecret(value) {
    holdSecret(value, true);
}
/**
 * Redacts `value` (each of its lines) from what the action writes; `mask`
 * also has the runner mask it (an `::add-mask::` line on stdout, which the
 * runner reads and does not show).
 */
function holdSecret(value, mask = false) {
    if (!value)
        return;
    for (const line of secretLines(value)) {
        if (held.has(line))
            continue;
        if (mask && line.length <= MAX_MASKED)
            (0,_actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setSecret */ .Pq)(line);
        // A very short line would blank out ordinary words: the runner masks it, the action keeps it.
        if (line.length < MIN_REDACTED)
            continue;
        held.add(line);
        // JSON outputs write `"` and `\` escaped: redact that form as well.
        const json = JSON.stringify(line).slice(1, -1);
        if (json !== line)
            held.add(json);
    }
    longestFirst = [...held].sort((a, b) => b.length - a.length);
}
/** `text` with every secret the action holds replaced by ***. */
function redact(text) {
    let out = text;
    for (const secret of longestFirst)
        if (out.includes(secret))
            out = out.split(secret).join(REDACTED);
    return out;
}
/** Forgets every secret (tests only: a process holds its secrets for its whole life). */
function forgetSecrets() {
    held.clear();
    longestFirst = [];
}
/**
 * Masks what the action is given in secret: the GitHub token (each line) and
 * the userinfo of endpoint-url, with its password on its own. The AWS
 * credentials in the environment are redacted from everything the action
 * writes but not masked again: aws-actions/configure-aws-credentials masks
 * them, as GitHub masks secrets, and an `::add-mask::` line would put them on
 * stdout once more.
 */
function maskGivenSecrets(read, env) {
    maskSecret(read('github-token'));
    for (const name of ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_ACCESS_KEY_ID'])
        holdSecret(env[name]);
    const userinfo = (0,_core_endpoint_url_js__WEBPACK_IMPORTED_MODULE_1__/* .userinfoOf */ .t)(read('endpoint-url').trim());
    if (userinfo) {
        maskSecret(userinfo);
        maskSecret(userinfo.split(':').slice(1).join(':') || undefined);
        maskSecret(safeDecode(userinfo));
    }
}
function safeDecode(s) {
    try {
        return decodeURIComponent(s);
    }
    catch {
        return undefined;
    }
}


/***/ }),

/***/ 3209:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   bC: () => (/* binding */ mdText),
/* harmony export */   dF: () => (/* binding */ logJson),
/* harmony export */   kc: () => (/* binding */ logText),
/* harmony export */   xs: () => (/* binding */ mdCode)
/* harmony export */ });
/* unused harmony exports LINE_BREAK_MARK, visible */
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(298);
/**
 * Text the action did not write itself (inputs, and AWS's answers: deployment
 * descriptions, API names, alarm names and reasons, error messages) made safe
 * for the places the action writes to. The logger, the outputs and the job
 * summary pass every string through here, so no call site escapes on its own.
 *
 * - The runner reads a log line that starts (after whitespace) with `::` as a
 *   workflow command, and one holding `##[` anywhere as an old-style one:
 *   https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions
 *   A CR or LF inside a value would start such a line.
 * - The job summary is GitHub-flavoured Markdown with some HTML: a `|` ends a
 *   table cell, `<` opens HTML, `[`...`](...)` is a link, and so on.
 * - A secret the action holds (secrets.ts) shows as *** wherever it is written.
 */

/** CRLF, CR, LF and the Unicode line and paragraph separators (NEL, LS, PS). */
const LINE_BREAK = /\r\n|[\r\n\u0085\u2028\u2029]/g;
/** What a line break shows as. */
const LINE_BREAK_MARK = '⏎';
/**
 * Other C0 and C1 controls, DEL, and the bidirectional controls that reorder
 * what a reader sees ("Trojan Source").
 */
const CONTROL = 
// eslint-disable-next-line no-control-regex -- matching control characters is the point
/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/**
 * One line with every character visible and no secret: a secret becomes ***,
 * a line break ⏎, a tab a space, another C0 control its Unicode control
 * picture (ESC → ␛), and C1 or bidirectional controls U+FFFD.
 */
function visible(s) {
    return (0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(s)
        .replace(LINE_BREAK, LINE_BREAK_MARK)
        .replace(/\t/g, ' ')
        .replace(CONTROL, (c) => {
        const code = c.charCodeAt(0);
        if (code < 0x20)
            return String.fromCharCode(0x2400 + code);
        return code === 0x7f ? '\u2421' : '\ufffd';
    });
}
/**
 * Text for one line of the runner's log (and for an output, which a later
 * step may print): visible(), and no workflow command. A `::` that the line
 * would start with (the runner trims leading whitespace first) and every `##[`
 * get a backslash: `\::add-mask::x`, `##\[add-mask]x`.
 */
function logText(s) {
    return visible(s)
        .replace(/^([\s\u180e]*)::/, '$1\\::')
        .replace(/##\[/g, '##\\[');
}
/**
 * A JSON output, still on one line and parsing back to the same value: JSON
 * escapes C0 controls itself; DEL, C1 controls and the Unicode line and
 * paragraph separators get `\uXXXX` too, and `##[` becomes `##\u005b`.
 */
function logJson(value) {
    return (0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(JSON.stringify(value))
        .replace(/##\[/g, '##\\u005b')
        .replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
/**
 * Before `@`: GitHub links a bare e-mail address even when its `@` is escaped
 * (its autolinker reads the text after escapes are undone), so an invisible
 * zero-width space is the only way to stop it there. URLs and `www.` hosts
 * are stopped with a backslash instead, which GitHub shows as nothing and a
 * copied URL does not carry.
 */
const ZWSP = '\u200b';
/**
 * Markdown text that shows `s` as it is, in a paragraph or a table cell:
 * every character Markdown or HTML could read as syntax gets a backslash
 * (emphasis, code, links, images, HTML, entities, table pipes, math, a block
 * marker at the start), line breaks show as ⏎, and bare URLs and e-mail
 * addresses are not turned into links.
 */
function mdText(s) {
    return visible(s)
        .replace(/[\\`*_~[\]<>&|$!#]/g, '\\$&')
        .replace(/^(\s*)([-+=])/, '$1\\$2')
        .replace(/^(\s*\d+)([.)])/, '$1\\$2')
        .replace(/:\/\//g, '\\://')
        .replace(/\b(www)\./gi, '$1\\.')
        .replace(/@/g, `${ZWSP}@`);
}
/**
 * A Markdown code span showing `s` as it is: fenced with one backtick more
 * than the longest run inside it, line breaks as ⏎. `inCell` escapes `|`,
 * which GitHub reads as a cell's end even inside code; elsewhere a `\|`
 * would show its backslash. Empty: an em dash.
 */
function mdCode(s, inCell = false) {
    if (!s)
        return '—';
    let text = visible(s);
    if (inCell)
        text = text.replace(/\|/g, '\\|');
    const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longest + 1);
    const pad = /^[` ]|[` ]$/.test(text) ? ' ' : '';
    return `${fence}${pad}${text}${pad}${fence}`;
}


/***/ }),

/***/ 3071:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// UNUSED EXPORTS: defaultDeps

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/aws/clients.ts
var aws_clients = __webpack_require__(201);
// EXTERNAL MODULE: ./src/aws/explain-error.ts
var explain_error = __webpack_require__(6221);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/core/response.ts
var response = __webpack_require__(984);
// EXTERNAL MODULE: ./src/steps/response.ts
var steps_response = __webpack_require__(6076);
// EXTERNAL MODULE: ./src/steps/timeline.ts
var timeline = __webpack_require__(8208);
// EXTERNAL MODULE: ./src/core/patch.ts
var patch = __webpack_require__(5333);
// EXTERNAL MODULE: ./src/core/stage.ts
var stage = __webpack_require__(41);
;// CONCATENATED MODULE: ./src/steps/recovery.ts






/** The runner sends SIGTERM 7.5 s after SIGINT and kills 2.5 s later: the cancel rollback must land well inside. */
const CANCEL_ROLLBACK_BUDGET_MS = 6_000;
/** How long a traffic write in flight at the cancel may still take before it is abandoned. */
const CANCEL_WRITE_GRACE_MS = 2_000;
/** Recovery after a cancel gets at least this long, however late it starts. */
const MIN_CANCEL_BUDGET_MS = 2_000;
/** Other failures are not racing a kill: room for the SDK to retry a throttled call. */
const RESTORE_BUDGET_MS = 30_000;
/** A cancelled CreateDeployment may still complete: how often and how long recovery looks for it. */
const LATE_CREATE_POLL_MS = 500;
const LATE_CREATE_POLLS = 8;
/** The description of the CreateDeployment this step sent, if it sent one. */
function sentDescription(ctx) {
    const sent = ctx.run.changes.find((c) => c.operation === 'CreateDeployment');
    return sent?.operation === 'CreateDeployment' ? sent.input.description : undefined;
}
/**
 * Whether the canary is the one this step raised: the one whose traffic it set,
 * or the one it created (a lost CreateDeployment answer is recognised by this
 * step's description). Recovery never touches another run's canary.
 */
async function isThisSteps(ctx, deploymentId, signal) {
    const { run } = ctx;
    if (run.drivenCanaryId !== undefined)
        return run.drivenCanaryId === deploymentId;
    const description = sentDescription(ctx);
    if (description === undefined)
        return false;
    return ((await ctx.api.deploymentDescription(deploymentId, { abortSignal: signal })) === description);
}
/**
 * A cancel stops the wait for CreateDeployment, not AWS's work on it: a large
 * API can take seconds to deploy, and the new canary then appears on the
 * stage. Re-reads the stage for a few seconds of the cancel budget until the
 * canary is another deployment than the one the step found; one that carries
 * this step's description is then this step's (to roll back, and to report:
 * returned as `adopted`). If none shows up, says how to make sure.
 */
async function watchForLateCreate(ctx, budget) {
    const { run, log } = ctx;
    const found = run.before?.canary?.deploymentId;
    const landed = () => {
        const id = run.stage?.canary?.deploymentId;
        return id !== undefined && id !== found ? id : undefined;
    };
    const description = sentDescription(ctx);
    for (let i = 0; i < LATE_CREATE_POLLS && !landed(); i++) {
        if (i === 0)
            log.info('CreateDeployment was in flight at the cancel: watching for its canary.');
        await ctx.sleep(LATE_CREATE_POLL_MS, budget);
        run.stage = await ctx.api.getStage({ abortSignal: budget });
    }
    const id = landed();
    if (id === undefined) {
        log.error(`The cancelled CreateDeployment had not shown on the stage after ${(LATE_CREATE_POLLS * LATE_CREATE_POLL_MS) / 1000}s. If AWS completes it, deployment "${description ?? ''}" becomes the canary: check the stage and run the rollback command.`, 'Cancelled deployment may still land');
        return undefined;
    }
    if (!(await isThisSteps(ctx, id, budget)))
        return undefined;
    run.drivenCanaryId = id;
    return { adopted: description };
}
/**
 * After a failure: re-read the stage (a call that failed without an answer may
 * have applied) and bring canary traffic back to where the step found it, or
 * to 0 % on cancel. Never throws; says what it did, and returns what the
 * report should show of it.
 */
async function recover(ctx, err) {
    const { run, log, cfg } = ctx;
    if (cfg.dryRun || run.before === undefined)
        return undefined;
    let recovered;
    const start = (0,stage/* trafficOf */.t7)(run.before);
    // A cancel's budget counts from the signal: a write that was in flight has used some of it.
    const budget = AbortSignal.timeout(err instanceof errors/* CancelledError */.cc
        ? Math.round(Math.max(MIN_CANCEL_BUDGET_MS, CANCEL_ROLLBACK_BUDGET_MS - (performance.now() - err.at)))
        : RESTORE_BUDGET_MS);
    try {
        if (run.changes.length > 0)
            run.stage = await ctx.api.getStage({ abortSignal: budget });
        if (err instanceof errors/* CancelledError */.cc && run.createInFlight && cfg.rollbackOnCancel) {
            recovered = await watchForLateCreate(ctx, budget);
        }
        const now = (0,stage/* trafficOf */.t7)(run.stage);
        const target = (0,response/* recoveryTarget */.TK)(err, start, now, {
            rollbackOnCancel: cfg.rollbackOnCancel,
            onAlarm: cfg.onAlarm,
            rolledBack: run.rolledBack,
            alarmed: run.timeline.some((e) => e.event === 'alarm' || e.event === 'unhealthy')
        });
        if (err instanceof errors/* CancelledError */.cc) {
            (0,timeline/* mark */.G)(ctx, 'cancel', err.message, now);
            if (!target && now > start)
                log.warning(`rollback-on-cancel is false: canary traffic left at ${(0,stage/* pct */.Oe)(now)}.`);
        }
        if (!target)
            return recovered;
        const canary = run.stage?.canary;
        if (canary === undefined)
            return recovered;
        if (!(await isThisSteps(ctx, canary.deploymentId, budget))) {
            log.warning(`The canary is now ${canary.deploymentId} at ${(0,stage/* pct */.Oe)(now)}, which this step did not set: left as it is.`);
            return recovered;
        }
        await log.group(target.why === 'restore' ? 'Restore traffic' : 'Rollback', async () => {
            if (target.why === 'restore') {
                const detail = `failed step: canary traffic restored ${(0,stage/* pct */.Oe)(now)} → ${(0,stage/* pct */.Oe)(target.percent)}, where the step started`;
                run.stage = await ctx.api.updateStage((0,patch/* setTrafficOps */.GM)(target.percent), {
                    abortSignal: budget,
                    urgent: true
                });
                (0,timeline/* mark */.G)(ctx, 'restore', detail, target.percent);
                log.info(detail);
                return;
            }
            const why = target.why === 'cancel' ? 'cancelled' : 'alarm';
            await (0,steps_response/* zeroCanary */.vQ)(ctx, (from) => `${why}: canary ${(0,stage/* pct */.Oe)(from)} → 0%`, { abortSignal: budget });
            log.info(`${why}: canary ${(0,stage/* pct */.Oe)(now)} → 0%`);
        });
    }
    catch (e) {
        log.error(`Could not bring canary traffic down after the failure: ${(0,errors/* errorMessage */.gJ)(e)}. Run the rollback command now.`, 'Canary traffic not restored');
    }
    return recovered;
}

;// CONCATENATED MODULE: ./src/cancellation.ts


/**
 * Listens for the runner's cancel: SIGINT, then SIGTERM 7.5 s later, then a
 * kill (docs/aws-behaviour.md#the-github-runner). The first signal cancels the run;
 * a second one ends what is still running after the rollback (triage).
 */
function listenForCancel(signals, log) {
    const cancel = new AbortController();
    const writeGrace = new AbortController();
    const terminate = new AbortController();
    let graceTimer;
    const onSignal = (name) => {
        if (cancel.signal.aborted) {
            if (terminate.signal.aborted)
                return;
            log.warning(`Received ${name}: the rollback and the outputs go on; triage, if running, stops.`);
            terminate.abort(new errors/* CancelledError */.cc(`cancelled: the runner sent ${name}`, name));
            return;
        }
        log.warning(`Received ${name}: cancelling.`);
        cancel.abort(new errors/* CancelledError */.cc(`cancelled: the runner sent ${name}`, name));
        graceTimer = setTimeout(() => writeGrace.abort(cancel.signal.reason), CANCEL_WRITE_GRACE_MS);
        graceTimer.unref();
    };
    const onInt = () => onSignal('SIGINT');
    const onTerm = () => onSignal('SIGTERM');
    signals.on('SIGINT', onInt);
    signals.on('SIGTERM', onTerm);
    return {
        signal: cancel.signal,
        writeGrace: writeGrace.signal,
        terminate: terminate.signal,
        stop() {
            clearTimeout(graceTimer);
            signals.off('SIGINT', onInt);
            signals.off('SIGTERM', onTerm);
        }
    };
}

// EXTERNAL MODULE: ./src/analysis/investigation.ts
var investigation = __webpack_require__(4968);
// EXTERNAL MODULE: ./src/commands/catalog.ts
var catalog = __webpack_require__(6833);
;// CONCATENATED MODULE: ./src/analysis/step-investigation.ts


/**
 * After a rollback, or a failed step that had a canary: where to look (the
 * canary's execution logs, a Logs Insights query over the bake, X-Ray traces,
 * the alarms) and how to release a fix through the action, in the log, and
 * returned for the report (the summary shows them). Built from what the step
 * already knows: no AWS call, and only once the rollback is done.
 */
function noteInvestigation(ctx, failed) {
    const { report, cfg, log } = ctx;
    const hadCanary = ctx.run.before?.canary ?? ctx.run.stage?.canary ?? ctx.run.drivenCanaryId;
    if (report.dryRun || !hadCanary || (report.outcome !== 'rolled-back' && !failed))
        return;
    if (!(0,catalog/* traitsOf */.JC)(report.command).investigates)
        return;
    const firstBake = ctx.run.timeline.find((e) => e.event === 'bake-start');
    const end = ctx.clock.now();
    const start = firstBake ? Date.parse(firstBake.time) : Date.parse(report.startedAt);
    const alarmNames = [...new Set([...(report.alarms ?? []).map((a) => a.name), ...cfg.alarmNames])];
    const links = (0,investigation/* investigationLinks */.gu)({
        region: cfg.region,
        restApiId: cfg.restApiId,
        stage: cfg.stage,
        ...(report.analysis ? { apiName: report.analysis.apiName } : {}),
        // A minute before the bake: the requests that tipped the canary over began before the read that saw them.
        window: { start: new Date(Math.min(start, end) - 60_000), end: new Date(end) },
        alarmNames,
        firstStepPercent: cfg.steps[0] ?? 5
    });
    const lines = [
        'Investigate the canary:',
        `  execution logs (${links.logGroup}): ${links.executionLogs}`,
        `  Logs Insights, failed requests in the bake: ${links.logsInsights}`,
        `  X-Ray traces: ${links.traces}`,
        ...links.alarms.map((a) => `  alarm ${a.name}: ${a.url}`),
        `  deploy a fix as a new canary: ${links.fixHint}`
    ];
    for (const line of lines)
        log.info(line);
    return links;
}

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudwatch/dist-cjs/index.js
var dist_cjs = __webpack_require__(4085);
// EXTERNAL MODULE: ./src/aws/deadline.ts
var deadline = __webpack_require__(7969);
// EXTERNAL MODULE: ./src/aws/pages.ts
var aws_pages = __webpack_require__(701);
;// CONCATENATED MODULE: ./src/aws/alarms.ts



const TYPES = ['MetricAlarm', 'CompositeAlarm'];
const NAMES_PER_CALL = 100;
async function pages(cw, input, out, signal) {
    await (0,aws_pages/* pages */.Bd)('DescribeAlarms', (token) => cw.send(new dist_cjs/* DescribeAlarmsCommand */.zWD({ ...input, AlarmTypes: TYPES, NextToken: token }), {
        abortSignal: signal
    }), (res) => res.NextToken, (res) => {
        for (const a of res.MetricAlarms ?? [])
            add(out, a, 'MetricAlarm');
        for (const a of res.CompositeAlarms ?? [])
            add(out, a, 'CompositeAlarm');
    });
}
function add(out, a, type) {
    if (!a.AlarmName)
        return;
    const periods = a.DatapointsToAlarm ?? a.EvaluationPeriods;
    out.set(a.AlarmName, {
        name: a.AlarmName,
        type,
        state: (a.StateValue ?? 'INSUFFICIENT_DATA'),
        reason: a.StateReason ?? '',
        updated: a.StateUpdatedTimestamp ? a.StateUpdatedTimestamp.toISOString() : '',
        ...(a.Period && periods ? { minTripSeconds: a.Period * periods } : {})
    });
}
/**
 * Reads the gating alarms: the named ones in batches of 100 (DescribeAlarms'
 * limit; names and a prefix cannot share a call), every alarm under the
 * prefix, metric and composite, every page. A named alarm that does not exist,
 * or a prefix that matches nothing, is an error: the gate fails closed.
 */
async function describeAlarms(cw, sel, signal) {
    const found = new Map();
    for (let i = 0; i < sel.names.length; i += NAMES_PER_CALL) {
        await pages(cw, { AlarmNames: sel.names.slice(i, i + NAMES_PER_CALL) }, found, signal);
    }
    const missing = sel.names.filter((n) => !found.has(n));
    if (missing.length > 0) {
        throw new Error(`alarm-names: no such CloudWatch alarm${missing.length > 1 ? 's' : ''}: ${missing.join(', ')} (a missing alarm is not a pass)`);
    }
    if (sel.prefix !== undefined) {
        const viaPrefix = new Map();
        await pages(cw, { AlarmNamePrefix: sel.prefix }, viaPrefix, signal);
        if (viaPrefix.size === 0)
            throw new Error(`alarm-name-prefix: no CloudWatch alarm name starts with '${sel.prefix}'`);
        for (const [k, v] of viaPrefix)
            found.set(k, v);
    }
    return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}
/**
 * The gating alarms' reader: one read (every batch and page) gets `readMs`,
 * after which it fails (a bake counts a failed read and reads again at its
 * next poll; three in a row stop the bake as unhealthy).
 */
function alarmReader(cw, sel, readMs) {
    if (sel.names.length === 0 && sel.prefix === undefined)
        return undefined;
    return (signal) => (0,deadline/* withDeadline */.NE)('Reading the alarms', readMs, signal, (s) => describeAlarms(cw, sel, s));
}

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-api-gateway/dist-cjs/index.js
var client_api_gateway_dist_cjs = __webpack_require__(818);
// EXTERNAL MODULE: ./src/aws/canary-stage-dimension.ts
var canary_stage_dimension = __webpack_require__(8799);
;// CONCATENATED MODULE: ./src/analysis/aws-metrics.ts



const NAMESPACE = 'AWS/ApiGateway';
/** What the comparison reads: the same statistics for the stable and the canary side. */
const QUERIES = [
    { key: 'requests', metric: 'Count', stat: 'Sum' },
    { key: 'errors5xx', metric: '5XXError', stat: 'Sum' },
    { key: 'errors4xx', metric: '4XXError', stat: 'Sum' },
    { key: 'latencyP99', metric: 'Latency', stat: 'p99' },
    { key: 'latencyAvg', metric: 'Latency', stat: 'Average' }
];
/**
 * Reads API Gateway's CloudWatch metrics for the stable and the canary side of
 * a stage over a window. The metrics' ApiName dimension is the API's name, so
 * it is looked up once; the canary's Stage dimension is not documented by AWS
 * (docs/aws-behaviour.md#canary-metrics), so it is taken from `canaryStageInput`, or
 * discovered with ListMetrics, or else `{stage}/Canary`.
 */
function metricsReader(apigateway, cloudwatch, restApiId, stage, canaryStageInput, dims = metricDimensions(apigateway, cloudwatch, restApiId, stage, canaryStageInput)) {
    return async (window, signal) => {
        const d = await dims(signal);
        const seconds = Math.max(60, Math.ceil((window.end.getTime() - window.start.getTime()) / 60_000) * 60);
        const sides = { stable: stage, canary: d.canaryStage };
        const queries = Object.entries(sides).flatMap(([side, stageValue]) => QUERIES.map((q) => ({
            Id: `${side}_${q.key}`,
            ReturnData: true,
            MetricStat: {
                Metric: {
                    Namespace: NAMESPACE,
                    MetricName: q.metric,
                    Dimensions: [
                        { Name: 'ApiName', Value: d.apiName },
                        { Name: 'Stage', Value: stageValue }
                    ]
                },
                Period: seconds,
                Stat: q.stat
            }
        })));
        const res = await cloudwatch.send(new dist_cjs/* GetMetricDataCommand */.Soe({
            MetricDataQueries: queries,
            StartTime: window.start,
            EndTime: window.end
        }), { abortSignal: signal });
        const out = { stable: {}, canary: {} };
        for (const r of res.MetricDataResults ?? []) {
            const [side, key] = (r.Id ?? '').split('_');
            const q = QUERIES.find((x) => x.key === key);
            const values = r.Values ?? [];
            if (!q || !out[side] || values.length === 0)
                continue;
            // One period spans the window; a window across a period boundary answers two.
            out[side][key] =
                q.stat === 'Sum'
                    ? values.reduce((a, b) => a + b, 0)
                    : q.stat === 'Average'
                        ? values.reduce((a, b) => a + b, 0) / values.length
                        : Math.max(...values);
        }
        return { ...d, ...out };
    };
}
function metricDimensions(apigateway, cloudwatch, restApiId, stage, canaryStageInput) {
    let cached;
    const dims = async (signal) => {
        if (cached)
            return cached;
        const api = await apigateway.send(new client_api_gateway_dist_cjs/* GetRestApiCommand */.Wy4({ restApiId }), { abortSignal: signal });
        const apiName = api.name ?? restApiId;
        const d = await (0,canary_stage_dimension/* canaryStageDimension */.Z)(cloudwatch, apiName, stage, canaryStageInput, signal);
        return (cached = { apiName, ...d });
    };
    return dims;
}

;// CONCATENATED MODULE: ./src/analysis/metric-queries.ts
/**
 * Pure: what a GetMetricData request is made of for the judge (the request
 * itself is metric-reads.ts), and how CloudWatch bills it: per metric
 * requested, where up to five statistics of one metric count once.
 */
const metric_queries_NAMESPACE = 'AWS/ApiGateway';
const PERIOD_SECONDS = 60;
/** Metrics as CloudWatch bills them: each distinct metric once per five statistics asked of it. */
function billedMetrics(queries) {
    const stats = new Map();
    for (const q of queries) {
        const m = q.MetricStat.Metric;
        const dims = [...m.Dimensions].sort((a, b) => a.Name.localeCompare(b.Name));
        const key = JSON.stringify([m.Namespace, m.MetricName, dims]);
        stats.set(key, (stats.get(key) ?? 0) + 1);
    }
    return [...stats.values()].reduce((n, k) => n + Math.ceil(k / 5), 0);
}

;// CONCATENATED MODULE: ./src/analysis/metric-reads.ts

const SIDE_STATS = [
    { key: 'count', metric: 'Count', stat: 'Sum' },
    { key: 'errors5xx', metric: '5XXError', stat: 'Sum' },
    { key: 'errors4xx', metric: '4XXError', stat: 'Sum' },
    { key: 'latencyP50', metric: 'Latency', stat: 'p50' },
    { key: 'latencyP90', metric: 'Latency', stat: 'p90' },
    { key: 'latencyP99', metric: 'Latency', stat: 'p99' },
    { key: 'integrationLatencyP99', metric: 'IntegrationLatency', stat: 'p99' }
];
/** A threshold as CloudWatch reads it: 0.1 ms steps, so the query and the judge agree exactly. */
const roundMs = (x) => Math.round(x * 10) / 10;
/**
 * The four bounds of threshold T under allowance a: [canary worse, stable, canary within, stable
 * within], in 0.1 ms steps and rounded so that each pair keeps the null's order exactly: the
 * canary's bound at least (1 + a) times the stable side's (the tail test compares the canary's
 * requests above the first of a pair with the stable side's above the second).
 */
function tailBounds(t, allowancePercent) {
    const f = 1 + allowancePercent / 100;
    const r = roundMs(t);
    return [Math.ceil(r * f * 10) / 10, r, r, Math.floor((r / f) * 10) / 10];
}
function query(id, label, namespace, metricName, stat, dims) {
    return {
        Id: id,
        Label: label,
        ReturnData: true,
        MetricStat: {
            Metric: { Namespace: namespace, MetricName: metricName, Dimensions: dims },
            Period: PERIOD_SECONDS,
            Stat: stat
        }
    };
}
/** Pure: the read's one request (both sides, thresholds, KPIs) over whole minutes of the window. */
function judgeQueries(input) {
    const sides = [
        ['s', 'stable', input.stage],
        ['c', 'canary', input.canaryStage]
    ];
    const queries = [];
    for (const [prefix, side, stageValue] of sides) {
        const dims = [
            { Name: 'ApiName', Value: input.apiName },
            { Name: 'Stage', Value: stageValue }
        ];
        for (const q of SIDE_STATS)
            queries.push(query(`${prefix}_${q.key}`, `${side} ${q.metric} ${q.stat}`, metric_queries_NAMESPACE, q.metric, q.stat, dims));
        input.tail?.thresholds.forEach((t, i) => {
            const [cHigh, sT, cT, sLow] = tailBounds(t, input.tail.allowancePercent);
            const pair = prefix === 's'
                ? [
                    ['tailA', sT],
                    ['tailB', sLow]
                ]
                : [
                    ['tailA', cHigh],
                    ['tailB', cT]
                ];
            for (const [name, x] of pair)
                queries.push(query(`${prefix}_${name}${i}`, `${side} Latency TC(${x}:)`, metric_queries_NAMESPACE, 'Latency', `TC(${x}:)`, dims));
        });
    }
    ;
    (input.kpis ?? []).forEach((k, i) => {
        for (const [prefix, side, dims] of [
            ['s', 'stable', k.stableDimensions],
            ['c', 'canary', k.canaryDimensions]
        ]) {
            queries.push(query(`${prefix}_kpi${i}`, `${side} ${k.name} Sum`, k.namespace, k.metricName, 'Sum', dims));
            if (k.stat === 'Average')
                queries.push(query(`${prefix}_kpin${i}`, `${side} ${k.name} SampleCount`, k.namespace, k.metricName, 'SampleCount', dims));
        }
    });
    const end = Math.ceil(input.window.end.getTime() / 60_000) * 60_000;
    const start = Math.min(Math.floor(input.window.start.getTime() / 60_000) * 60_000, end - 60_000);
    return {
        request: {
            MetricDataQueries: queries,
            StartTime: new Date(start),
            EndTime: new Date(end),
            ScanBy: 'TimestampAscending'
        },
        queryCount: queries.length,
        billedMetrics: billedMetrics(queries)
    };
}
/** Pure: the answer pages as the judge's series; a query without data gives an empty series. */
function judgeReadsFromPages(pages, tail, kpis = []) {
    const byId = new Map();
    for (const page of pages) {
        for (const r of page.MetricDataResults ?? []) {
            if (!r.Id)
                continue;
            const m = byId.get(r.Id) ?? new Map();
            byId.set(r.Id, m);
            const values = r.Values ?? [];
            (r.Timestamps ?? []).forEach((t, i) => {
                const v = values[i];
                if (v !== undefined)
                    m.set(t.getTime(), v);
            });
        }
    }
    const series = (id) => [...(byId.get(id) ?? new Map())]
        .sort((a, b) => a[0] - b[0])
        .map(([time, value]) => ({ time, value }));
    const side = (prefix) => Object.fromEntries(SIDE_STATS.map((q) => [q.key, series(`${prefix}_${q.key}`)]));
    const each = (id) => (tail?.thresholds ?? []).map((_, i) => series(`${id}${i}`));
    return {
        stable: side('s'),
        canary: side('c'),
        ...(tail
            ? {
                tail: {
                    plan: tail,
                    canaryAbove: each('c_tailA'),
                    stableAbove: each('s_tailA'),
                    canaryAboveT: each('c_tailB'),
                    stableAboveLow: each('s_tailB')
                }
            }
            : {}),
        kpis: kpis.map((kpi, i) => ({
            kpi,
            stable: {
                events: series(`s_kpi${i}`),
                ...(kpi.stat === 'Average' ? { samples: series(`s_kpin${i}`) } : {})
            },
            canary: {
                events: series(`c_kpi${i}`),
                ...(kpi.stat === 'Average' ? { samples: series(`c_kpin${i}`) } : {})
            }
        }))
    };
}

;// CONCATENATED MODULE: ./src/analysis/aws-metric-data.ts



/** A bake's window is a few hundred datapoints per query: more pages than this is a runaway token. */
const MAX_PAGES = 20;
/**
 * Reads the canary judge's series: the one GetMetricData request of
 * judgeQueries (both sides, latency thresholds, the KPIs), NextToken followed
 * to the end. The ApiName and canary Stage dimension values come from the
 * lookup the comparison uses (aws-metrics.ts), so a run looks them up once.
 */
function metricDataReader(cloudwatch, stage, dims) {
    return async ({ window, kpis, tail }, signal) => {
        const d = await dims(signal);
        const q = judgeQueries({
            apiName: d.apiName,
            stage,
            canaryStage: d.canaryStage,
            window,
            kpis,
            ...(tail ? { tail } : {})
        });
        const pages = [];
        await (0,aws_pages/* pages */.Bd)('GetMetricData', (token) => cloudwatch.send(new dist_cjs/* GetMetricDataCommand */.Soe({ ...q.request, ...(token ? { NextToken: token } : {}) }), { abortSignal: signal }), (page) => page?.NextToken, (page) => {
            if (page)
                pages.push(page);
        }, MAX_PAGES);
        return {
            ...d,
            ...judgeReadsFromPages(pages, tail, kpis),
            calls: pages.length,
            billedMetrics: q.billedMetrics
        };
    };
}

// EXTERNAL MODULE: ./src/core/not-found.ts
var not_found = __webpack_require__(9687);
;// CONCATENATED MODULE: ./src/core/aws-ids.ts
/**
 * Ids that come back from AWS (or from whatever answers at endpoint-url)
 * become outputs, which a later step may paste into a shell script, and parts
 * of the next request's path. API Gateway's ids are letters and digits (REST
 * API ids are the first DNS label of `{id}.execute-api.{region}.amazonaws.com`;
 * deployment ids appear as-is in ARNs): anything else is refused before it is
 * used or written anywhere (docs/aws-behaviour.md, "Ids").
 */

/** The form the action accepts, for inputs and answers alike. */
const API_GATEWAY_ID = /^[A-Za-z0-9]{1,64}$/;
const API_GATEWAY_ID_FORM = 'letters and digits, at most 64';
/** GitHub's deployment ids are integers. */
const GITHUB_DEPLOYMENT_ID = /^[1-9][0-9]{0,19}$/;
/**
 * `id` when it has API Gateway's form; else a StateError that says which
 * answer held it, without showing it (it may be built to run in a shell).
 */
function checkedId(id, what, answeredBy) {
    if (API_GATEWAY_ID.test(id))
        return id;
    throw new errors/* StateError */.qq(`${answeredBy} answered a ${what} that is not an API Gateway id (${API_GATEWAY_ID_FORM}): refused, and not shown. ` +
        'Something other than AWS may be answering: check endpoint-url and any proxy in between.');
}
/** The ids of a Stage answer, checked (undefined ones stay undefined). */
function checkedStageIds(stage, answeredBy) {
    if (stage.deploymentId !== undefined)
        checkedId(stage.deploymentId, "stage's deployment id", answeredBy);
    if (stage.canarySettings?.deploymentId !== undefined)
        checkedId(stage.canarySettings.deploymentId, "canary's deployment id", answeredBy);
    return stage;
}

;// CONCATENATED MODULE: ./src/aws/stage-api.ts






function createDeploymentInput(restApiId, stageName, c) {
    return {
        restApiId,
        stageName,
        description: c.description,
        canarySettings: {
            percentTraffic: c.percent,
            ...(Object.keys(c.overrides).length ? { stageVariableOverrides: c.overrides } : {}),
            useStageCache: c.useStageCache
        }
    };
}
/** The one stage this run works on. Thin: every decision is made elsewhere. */
function awsStageApi(clients, restApiId, stageName, 
/** Aborts reads and CreateDeployment in flight when the job is cancelled. */
cancel, 
/**
 * Aborts an UpdateStage in flight a little after a cancel: long enough for a
 * write to finish (so its result is known), short enough that SDK retries
 * under throttling cannot eat the runner's grace. Recovery then re-reads.
 */
writeGrace) {
    const { apigateway: client, apigatewayOnce: once } = clients;
    const reading = (opts) => ({ abortSignal: opts?.abortSignal ?? cancel });
    /** Why GetStage found nothing: no such API, or no such stage (and which stages there are). */
    const notFound = async (opts) => {
        const region = await client.config.region();
        try {
            const stages = await client.send(new client_api_gateway_dist_cjs/* GetStagesCommand */.pY7({ restApiId }), reading(opts));
            const names = (stages?.item ?? []).flatMap((st) => (st.stageName ? [st.stageName] : []));
            return (0,not_found/* stageNotFound */.os)({ restApiId, stage: stageName, region }, names);
        }
        catch (err) {
            if (err instanceof Error && err.name === 'NotFoundException')
                return (0,not_found/* apiNotFound */.YR)({ restApiId, region });
            return `Stage '${stageName}' of REST API '${restApiId}' in ${region} was not found (${(0,errors/* errorMessage */.gJ)(err)} when listing its stages).`;
        }
    };
    return {
        async getStage(opts) {
            try {
                const answer = await client.send(new client_api_gateway_dist_cjs/* GetStageCommand */.aOX({ restApiId, stageName }), reading(opts));
                return (0,stage/* stageStateOf */.fC)(checkedStageIds(answer, 'GetStage'));
            }
            catch (err) {
                if (err instanceof Error && err.name === 'NotFoundException')
                    throw new errors/* StateError */.qq(await notFound(opts));
                throw err;
            }
        },
        async deploymentDescription(deploymentId, opts) {
            const d = await client.send(new client_api_gateway_dist_cjs/* GetDeploymentCommand */.Tvn({ restApiId, deploymentId }), reading(opts));
            return d.description;
        },
        async updateStage(patchOperations, opts) {
            // A rollback goes out on a new connection per attempt, with a short deadline (clients.ts).
            const via = opts?.urgent ? clients.apigatewayUrgent : client;
            const answer = await via.send(new client_api_gateway_dist_cjs/* UpdateStageCommand */.hJS({ restApiId, stageName, patchOperations }), { abortSignal: opts?.abortSignal ?? writeGrace });
            return (0,stage/* stageStateOf */.fC)(checkedStageIds(answer, 'UpdateStage'));
        },
        async createCanaryDeployment(c) {
            // Aborted by a cancel, the answer is lost like any other: the caller re-reads the stage.
            const res = await once.send(new client_api_gateway_dist_cjs/* CreateDeploymentCommand */.ttP(createDeploymentInput(restApiId, stageName, c)), reading());
            if (!res.id)
                throw new Error('CreateDeployment answered without a deployment id');
            return checkedId(res.id, 'deployment id', 'CreateDeployment');
        },
        async findDeployment(description) {
            let best;
            await (0,aws_pages/* pages */.Bd)('GetDeployments', (position) => client.send(new client_api_gateway_dist_cjs/* GetDeploymentsCommand */._1U({ restApiId, limit: 500, position }), reading()), (page) => page.position, (page) => {
                for (const d of page.items ?? []) {
                    if (d.id && d.description === description) {
                        const at = d.createdDate?.getTime() ?? 0;
                        if (!best || at > best.at)
                            best = { id: d.id, at };
                    }
                }
            });
            const found = best;
            return found && checkedId(found.id, 'deployment id', 'GetDeployments');
        },
        async putRestApi(d) {
            const res = await clients.apigatewaySlow.send(new client_api_gateway_dist_cjs/* PutRestApiCommand */.fdq({
                restApiId,
                mode: d.mode,
                failOnWarnings: d.failOnWarnings,
                ...(Object.keys(d.parameters).length > 0 ? { parameters: d.parameters } : {}),
                body: d.body
            }), reading());
            return { warnings: res.warnings ?? [] };
        }
    };
}

;// CONCATENATED MODULE: ./src/aws/recording-api.ts


const DRY_RUN_DEPLOYMENT_ID = '(new-deployment)';
function describeOps(ops) {
    return ops
        .map((o) => o.op === 'copy'
        ? `copy ${o.from} -> ${o.path}`
        : `${o.op} ${o.path}${o.value !== undefined ? ` ${o.value}` : ''}`)
        .join(', ');
}
/** No command may deploy to the stage itself: every deployment this action makes is a canary. */
function assertCanaryOnly(change) {
    if (change.operation === 'CreateDeployment' && !change.input.canarySettings) {
        throw new Error('refused: a CreateDeployment without canarySettings would deploy to the stage directly');
    }
}
/**
 * Records every call that changes the stage in `changes` (the run state's
 * list, given by the wiring; the command copies it into the report) and logs it. With
 * dry-run it prints the exact call instead and answers with the stage as the
 * call would leave it, so every command runs unchanged and changes nothing.
 */
function recordingApi(api, changes, log, ids, dryRun) {
    let last;
    const record = (change) => {
        assertCanaryOnly(change);
        changes.push(change);
        if (dryRun)
            log.info(`[dry-run] would call ${change.operation} ${JSON.stringify(change.input)}`);
    };
    return {
        async getStage(opts) {
            // In dry-run the stage is what the simulated calls made of it.
            if (dryRun && last && changes.length > 0)
                return last;
            last = await api.getStage(opts);
            return last;
        },
        deploymentDescription: (id, opts) => dryRun && id === DRY_RUN_DEPLOYMENT_ID
            ? Promise.resolve(undefined)
            : api.deploymentDescription(id, opts),
        findDeployment: (d) => api.findDeployment(d),
        async putRestApi(d) {
            const { body: _body, ...rest } = d;
            record({
                operation: 'PutRestApi',
                input: { restApiId: ids.restApiId, ...rest, bytes: d.body.byteLength }
            });
            if (dryRun)
                return { warnings: [] };
            log.info(`PutRestApi ${ids.restApiId}: ${d.mode} from ${d.file} (${d.body.byteLength} bytes, sha256 ${d.sha256.slice(0, 12)})`);
            return api.putRestApi(d);
        },
        async updateStage(ops, opts) {
            record({ operation: 'UpdateStage', input: { ...ids, patchOperations: ops } });
            if (dryRun) {
                if (!last)
                    last = await api.getStage();
                last = (0,patch/* applyOps */.Lx)(last, ops);
                return last;
            }
            log.info(`UpdateStage ${ids.stageName}: ${describeOps(ops)}`);
            last = await api.updateStage(ops, opts);
            return last;
        },
        async createCanaryDeployment(c) {
            record({
                operation: 'CreateDeployment',
                input: createDeploymentInput(ids.restApiId, ids.stageName, c)
            });
            if (dryRun) {
                if (!last)
                    last = await api.getStage();
                last = {
                    ...last,
                    leftover: false,
                    canary: {
                        deploymentId: DRY_RUN_DEPLOYMENT_ID,
                        percent: c.percent,
                        overrides: c.overrides,
                        useStageCache: c.useStageCache
                    }
                };
                return DRY_RUN_DEPLOYMENT_ID;
            }
            log.info(`CreateDeployment on ${ids.stageName}: canary at ${c.percent}%, "${c.description}"`);
            const id = await api.createCanaryDeployment(c);
            return id;
        }
    };
}

// EXTERNAL MODULE: ./src/core/run-state.ts
var run_state = __webpack_require__(8298);
;// CONCATENATED MODULE: ./src/context.ts







/**
 * The one place a run's context is wired: the stage API over the SDK clients
 * (recording every change, simulating it under dry-run), the alarm and
 * metrics readers. run() and the unit-test harness both build it here.
 */
function buildContext(cfg, report, p) {
    const { apigateway, cloudwatch } = p.clients;
    const ids = { restApiId: cfg.restApiId, stageName: cfg.stage };
    const dims = metricDimensions(apigateway, cloudwatch, cfg.restApiId, cfg.stage, cfg.canaryMetricsStage);
    const stage = awsStageApi(p.clients, cfg.restApiId, cfg.stage, p.signal, p.writeGrace);
    const run = (0,run_state/* newRunState */.P)();
    return {
        cfg,
        api: recordingApi(stage, run.changes, p.log, ids, cfg.dryRun),
        readAlarms: alarmReader(cloudwatch, { names: cfg.alarmNames, prefix: cfg.alarmNamePrefix }, (p.deadlines ?? aws_clients/* DEADLINES */.YE).alarmReadMs),
        readMetrics: metricsReader(apigateway, cloudwatch, cfg.restApiId, cfg.stage, cfg.canaryMetricsStage, dims),
        readMetricData: metricDataReader(cloudwatch, cfg.stage, dims),
        // Loaded when preflight runs: the Route 53 SDK costs start-up time no other step needs.
        readPreflight: async (q) => (await Promise.all(/* import() */[__webpack_require__.e(621), __webpack_require__.e(696), __webpack_require__.e(893)]).then(__webpack_require__.bind(__webpack_require__, 6893))).readPreflightWithDns(p.clients, p.clientOptions, q, p.log),
        // Loaded after a rollback only: the Logs and X-Ray SDKs cost start-up time.
        ...(p.clientOptions
            ? {
                readBackends: async (q) => (await Promise.all(/* import() */[__webpack_require__.e(621), __webpack_require__.e(696), __webpack_require__.e(274)]).then(__webpack_require__.bind(__webpack_require__, 3274))).readBackendsWithClients(p.clients, p.clientOptions, q, p.log),
                readTriage: async (q, deadline, stopQuery) => (await Promise.all(/* import() */[__webpack_require__.e(621), __webpack_require__.e(659), __webpack_require__.e(653)]).then(__webpack_require__.bind(__webpack_require__, 8653))).readTriageWithClients(p.clients, p.clientOptions, q, deadline, stopQuery, p.sleep, p.log)
            }
            : {}),
        provenance: p.provenance,
        definition: p.definition,
        stepId: p.stepId,
        clock: p.clock,
        sleep: p.sleep,
        signal: p.signal,
        ...(p.terminate ? { terminate: p.terminate } : {}),
        log: p.log,
        report,
        said: new Set(),
        run
    };
}
const realClock = { now: () => Date.now() };
/** setTimeout fires at once for a delay above 2^31 - 1 ms: longer waits are slept in parts. */
const MAX_TIMER_MS = 2 ** 31 - 1;
const realSleep = (ms, signal) => new Promise((resolve, reject) => {
    if (signal?.aborted)
        return reject(signal.reason);
    let timer;
    const onAbort = () => {
        clearTimeout(timer);
        reject(signal.reason);
    };
    const wait = (left) => {
        timer = setTimeout(() => {
            if (left > MAX_TIMER_MS)
                return wait(left - MAX_TIMER_MS);
            signal?.removeEventListener('abort', onAbort);
            resolve();
        }, Math.max(0, Math.min(left, MAX_TIMER_MS)));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    wait(Number.isFinite(ms) ? ms : MAX_TIMER_MS);
});

// EXTERNAL MODULE: ./src/core/description.ts
var description = __webpack_require__(2817);
// EXTERNAL MODULE: ./src/core/report.ts
var core_report = __webpack_require__(8557);
// EXTERNAL MODULE: ./node_modules/fastest-levenshtein/mod.js
var mod = __webpack_require__(1916);
// EXTERNAL MODULE: ./src/core/duration.ts
var duration = __webpack_require__(8571);
;// CONCATENATED MODULE: ./src/github/input-parsers.ts


/** The one-line error for a bad input: its name, the form it accepts, what it got. */
function fail(input, form, raw) {
    throw new errors/* InputError */.dz(input, `Input '${input}' must be ${form}; got ${(0,errors/* shownValue */.JJ)(raw)}.`);
}
/** The parsed value, or (undefined: it did not parse) the one-line error. */
function accept(input, form, raw, value) {
    if (value === undefined)
        fail(input, form, raw);
    return value;
}
/** A value matching `re` whole, else the one-line error. */
function parseMatching(input, form, re, raw) {
    return accept(input, form, raw, re.test(raw) ? raw : undefined);
}
const BOOLEANS = {
    true: true,
    True: true,
    TRUE: true,
    false: false,
    False: false,
    FALSE: false
};
/** The YAML 1.2 core booleans, as the runner's own getBooleanInput takes them. */
function parseBoolean(input, raw) {
    return accept(input, 'true or false', raw, Object.hasOwn(BOOLEANS, raw) ? BOOLEANS[raw] : undefined);
}
/** One of `values`, exactly. */
function parseOneOf(input, values, raw) {
    const form = `one of ${values.map((v) => `'${v}'`).join(', ')}`;
    return accept(input, form, raw, values.find((v) => v === raw));
}
const PERCENT_FORM = "a number from 0 to 100 (decimals allowed, a trailing % accepted) or 'next'";
/** A percentage (`12.5`, `10%`) or `next`, any case. */
function parsePercent(input, raw) {
    if (raw.toLowerCase() === 'next')
        return 'next';
    const n = /^\d+(\.\d+)?\s*%?$/.test(raw) ? Number(raw.replace('%', '').trim()) : NaN;
    return accept(input, PERCENT_FORM, raw, n >= 0 && n <= 100 ? n : undefined);
}
/** A whole number from `min` to `max`. */
function parseWhole(input, min, max, raw) {
    const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
    return accept(input, `a whole number from ${min} to ${max}`, raw, n >= min && n <= max ? n : undefined);
}
/** At most `max` characters, as given. */
function parseText(input, form, max, raw) {
    if (raw.length > max)
        fail(input, form, raw);
    return raw;
}
/** An http:// or https:// URL with a host. */
function parseUrl(input, raw) {
    let ok = false;
    try {
        const u = new URL(raw);
        ok = (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
    }
    catch {
        ok = false;
    }
    return accept(input, 'an http:// or https:// URL such as http://127.0.0.1:4566', raw, ok ? raw : undefined);
}
/** Splits a comma- or newline-separated list, trimmed, without empties or repeats. */
function splitList(raw) {
    return [
        ...new Set(raw
            .split(/[,\n]/)
            .map((s) => s.trim())
            .filter(Boolean))
    ];
}
/** CloudWatch alarm names, comma- or newline-separated. */
function parseAlarmNames(input, raw) {
    const names = splitList(raw);
    for (const n of names) {
        if (n.length > 255 || [...n].some((ch) => ch.charCodeAt(0) < 32))
            fail(input, 'CloudWatch alarm names (1-255 characters each), comma- or newline-separated', n);
    }
    return names;
}
/**
 * The longest bake: a self-hosted runner's job may run 5 days (a hosted one 6
 * hours), and no one step bakes longer than its job. Also far below the
 * 2^31 ms (~24.8 days) that setTimeout can hold.
 */
const MAX_BAKE_MS = 5 * 24 * 60 * 60 * 1000;
/** The longest poll interval: an alarm must stop the canary within one interval; an hour is already lax. */
const MAX_POLL_MS = 60 * 60 * 1000;
/** A duration in ms from `minMs` to `maxMs` (`90s`, `5m`, `1h30m`, or seconds). */
function parseDurationInput(input, raw, minMs, maxMs) {
    const form = minMs > 0
        ? `a duration from ${(0,duration/* formatDuration */.a)(minMs)} to ${(0,duration/* formatDuration */.a)(maxMs)} such as 15s, 1m or 90 (seconds)`
        : `a duration up to ${(0,duration/* formatDuration */.a)(maxMs)} such as 0, 90s, 5m, 1h30m or a number of seconds`;
    const ms = (0,duration/* parseDurationMs */.y)(raw);
    if (ms === null || ms < minMs || ms > maxMs)
        fail(input, form, raw);
    return ms;
}
const VAR_NAME = /^[A-Za-z0-9_]{1,64}$/;
const VAR_VALUE = /^[A-Za-z0-9\-._~:/?#&=,]{1,512}$/;
/** `key=value` lines (or commas) or a JSON object of strings. */
function parseStageVariables(input, raw) {
    const form = 'key=value lines or a JSON object, names of letters, digits and _ (up to 64), values of letters, digits and -._~:/?#&=, (up to 512)';
    const text = raw.trim();
    if (text === '')
        return {};
    let entries;
    if (text.startsWith('{')) {
        let parsed;
        try {
            parsed = JSON.parse(text);
        }
        catch {
            fail(input, form, raw);
        }
        // Own entries of what JSON.parse made: a schema's copy would drop a `__proto__` key.
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
            fail(input, form, raw);
        entries = Object.entries(parsed).map(([k, v]) => {
            if (!['string', 'number', 'boolean'].includes(typeof v))
                fail(input, form, raw);
            return [k, String(v)];
        });
    }
    else {
        entries = text
            .split(/\n/)
            .map((l) => l.trim())
            .filter((l) => l && !l.startsWith('#'))
            .map((l) => {
            const eq = l.indexOf('=');
            if (eq <= 0)
                fail(input, form, l);
            return [l.slice(0, eq).trim(), l.slice(eq + 1).trim()];
        });
    }
    // No prototype: names such as constructor or __proto__ are plain keys here.
    const out = Object.create(null);
    for (const [k, v] of entries) {
        if (!VAR_NAME.test(k))
            fail(input, form, k);
        if (!VAR_VALUE.test(v))
            fail(input, form, `${k}=${v}`);
        if (Object.hasOwn(out, k))
            throw new errors/* InputError */.dz(input, `Input '${input}' names the variable '${k}' twice.`);
        out[k] = v;
    }
    if (Object.keys(out).length > 100)
        throw new errors/* InputError */.dz(input, `Input '${input}' has more than 100 variables, API Gateway's limit per stage.`);
    return out;
}
const requiredError = (name, form) => new errors/* InputError */.dz(name, `Input '${name}' is required: ${form}.`);
/** A required input matching `re`. */
function requiredMatching(form, re) {
    return {
        required: true,
        empty: (name) => {
            throw requiredError(name, form);
        },
        ...matching(form, re)
    };
}
/** An input matching `re` whole (undefined when empty, unless `empty` says otherwise). */
function matching(form, re) {
    return { parse: (raw, name) => parseMatching(name, form, re, raw) };
}

// EXTERNAL MODULE: ./src/core/gate.ts
var gate = __webpack_require__(4888);
// EXTERNAL MODULE: ./src/core/ladder.ts
var ladder = __webpack_require__(3567);
// EXTERNAL MODULE: ./src/core/yaml-text.ts
var yaml_text = __webpack_require__(9662);
;// CONCATENATED MODULE: ./src/analysis/units.ts
/**
 * The units a custom KPI may declare (CloudWatch's StandardUnit:
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDatum.html),
 * and how a judged value shows in each. Pure.
 */
const KPI_UNITS = [
    'Seconds',
    'Microseconds',
    'Milliseconds',
    'Bytes',
    'Kilobytes',
    'Megabytes',
    'Gigabytes',
    'Terabytes',
    'Bits',
    'Kilobits',
    'Megabits',
    'Gigabits',
    'Terabits',
    'Percent',
    'Count',
    'Bytes/Second',
    'Kilobytes/Second',
    'Megabytes/Second',
    'Gigabytes/Second',
    'Terabytes/Second',
    'Bits/Second',
    'Kilobits/Second',
    'Megabits/Second',
    'Gigabits/Second',
    'Terabits/Second',
    'Count/Second',
    'None'
];
/** What a value in `unit` is followed by; '' for a plain number. */
const SUFFIX = {
    Seconds: ' s',
    Microseconds: ' µs',
    Milliseconds: ' ms',
    Bytes: ' B',
    Kilobytes: ' KB',
    Megabytes: ' MB',
    Gigabytes: ' GB',
    Terabytes: ' TB',
    Bits: ' bit',
    Kilobits: ' kbit',
    Megabits: ' Mbit',
    Gigabits: ' Gbit',
    Terabits: ' Tbit',
    Percent: '%',
    'Count/Second': '/s'
};
/** A number as the summary shows it: whole, or with two decimals. */
const plain = (v) => (Number.isInteger(v) ? String(v) : v.toFixed(2));
/**
 * A judged value in its unit: `ratio` (an error rate, a fraction) as a
 * percentage, a CloudWatch unit with its symbol (`1.25 s`, `12%`, `3 ms`),
 * `Count` and `None` as plain numbers. Latencies of 100 ms and more are whole.
 */
function formatInUnit(unit, v, signed = false) {
    const sign = signed && v > 0 ? '+' : '';
    if (unit === 'ratio')
        return `${sign}${(v * 100).toFixed(2)}%`;
    const n = unit === 'Milliseconds' && Math.abs(v) >= 100 ? v.toFixed(0) : plain(v);
    const rate = unit.endsWith('/Second') && unit !== 'Count/Second';
    return `${sign}${n}${rate ? `${SUFFIX[unit.replace('/Second', '')]}/s` : (SUFFIX[unit] ?? '')}`;
}

;// CONCATENATED MODULE: ./src/github/input-spec.ts

const input = (spec) => spec;
/** The commands that read an input. */
const usedBy = (spec) => spec.usedBy ?? catalog/* COMMANDS */.Lo;

;// CONCATENATED MODULE: ./src/analysis/github-inputs.ts
/**
 * The canary analysis's inputs (docs/canary-analysis.md): whether the judge
 * runs and gates, its allowances, and custom KPIs. Spread into INPUTS
 * (input-table.ts), so action.yml and the README list them like the others.
 */





/** The commands that bake. */
const BAKING = (0,catalog/* commandsWhere */.Wv)((t) => t.bakes);
/** A number from `min` to `max` (decimals allowed), else the one-line error. */
function parseNumber(name, min, max, raw, unit = '') {
    const n = /^\d+(\.\d+)?$/.test(raw.replace(/%$/, '').trim()) ? Number(raw.replace(/%$/, '')) : NaN;
    if (!(n >= min && n <= max))
        fail(name, `a number from ${min} to ${max}${unit}`, raw);
    return n;
}
const KPI_FORM = 'a JSON or YAML list of {name, namespace, metric, statistic (Sum or Average), direction (higher-is-worse or lower-is-worse), canary-dimensions, stable-dimensions, optional max-change (percent), optional unit (a CloudWatch unit such as Seconds or Percent)}';
const KPI_KEYS = new Set([
    'name',
    'namespace',
    'metric',
    'statistic',
    'direction',
    'max-change',
    'unit',
    'canary-dimensions',
    'stable-dimensions'
]);
/** Sum: events, compared per request; Average: events per sample (Sum / SampleCount). docs/canary-analysis.md#custom-kpis */
const STATISTIC = /^(Sum|Average)$/;
const isText = (v, max) => typeof v === 'string' && v.length >= 1 && v.length <= max;
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
/** CloudWatch dimensions as a list of {name, value} or a map; undefined when neither. */
function dimensionsOf(d) {
    const pairs = Array.isArray(d)
        ? d.map((x) => (isObject(x) && Object.keys(x).length === 2 ? [x.name, x.value] : [0, 0]))
        : isObject(d)
            ? Object.entries(d)
            : [];
    if ((!Array.isArray(d) && !isObject(d)) || pairs.length > 30)
        return undefined;
    if (!pairs.every(([n, v]) => isText(n, 255) && isText(v, 1024)))
        return undefined;
    return pairs.map(([Name, Value]) => ({ Name: Name, Value: Value }));
}
/** One KPI, or why it is not one (the field at fault). */
function kpiOf(k, at) {
    if (!isObject(k))
        return `${at}: not an object`;
    const extra = Object.keys(k).find((key) => !KPI_KEYS.has(key));
    if (extra)
        return `${at}.${extra}: not a field`;
    if (!isText(k.name, 100))
        return `${at}.name: required, 1-100 characters`;
    for (const f of ['namespace', 'metric'])
        if (!isText(k[f], 255))
            return `${at}.${f}: required, 1-255 characters`;
    if (typeof k.statistic !== 'string' || !STATISTIC.test(k.statistic))
        return `${at}.statistic: Sum (events, compared per request) or Average (events per sample)`;
    if (k.direction !== 'higher-is-worse' && k.direction !== 'lower-is-worse')
        return `${at}.direction: higher-is-worse or lower-is-worse`;
    const change = k['max-change'];
    if (change !== undefined && !(typeof change === 'number' && change >= 0 && change <= 10_000))
        return `${at}.max-change: a number from 0 to 10000`;
    const unit = k.unit;
    if (unit !== undefined && !KPI_UNITS.includes(unit))
        return `${at}.unit: a CloudWatch unit (${KPI_UNITS.join(', ')})`;
    const canary = dimensionsOf(k['canary-dimensions']);
    const stable = dimensionsOf(k['stable-dimensions']);
    if (!canary)
        return `${at}.canary-dimensions: a list of {name, value} or a map (at most 30)`;
    if (!stable)
        return `${at}.stable-dimensions: a list of {name, value} or a map (at most 30)`;
    return {
        name: k.name,
        ...(unit !== undefined ? { unit: unit } : {}),
        direction: k.direction,
        ...(change !== undefined ? { maxChangePercent: change } : {}),
        namespace: k.namespace,
        metricName: k.metric,
        stat: k.statistic,
        stableDimensions: stable,
        canaryDimensions: canary
    };
}
/** `analysis-metrics`: custom KPIs read for both sides and judged like latencies. */
function parseAnalysisMetrics(name, raw) {
    // Parsed without printing: the library's own warnings would quote the value on stderr.
    const parsed = (0,yaml_text/* yamlValue */.t$)(raw);
    if (!parsed.ok)
        fail(name, `${KPI_FORM} (YAML: ${parsed.problem})`, raw);
    const doc = parsed.value;
    if (!Array.isArray(doc) || doc.length < 1 || doc.length > 20)
        fail(name, `${KPI_FORM} (list: 1 to 20 metrics)`, raw);
    return doc.map((k, at) => {
        const kpi = kpiOf(k, at);
        if (typeof kpi === 'string')
            fail(name, `${KPI_FORM} (${kpi})`, raw);
        return kpi;
    });
}
const ANALYSIS_INPUTS = [
    input({
        name: 'analysis',
        summary: 'Canary-vs-stable analysis during bakes: `off`, `report` or `gate`.',
        key: 'analysisMode',
        description: "Canary analysis during each bake (docs/canary-analysis.md): `off`; `report` puts the judge's verdict per metric in the log, the summary and the `analysis` output; `gate` also treats a failing verdict like an alarm (per `on-alarm`).",
        default: 'report',
        usedBy: BAKING,
        parse: (raw, name) => parseOneOf(name, ['off', 'report', 'gate'], raw)
    }),
    input({
        name: 'max-5xx-increase',
        summary: "Analysis: how far the canary's 5XX rate may exceed the stable side's.",
        key: 'max5xxIncrease',
        description: "How many percentage points the canary's 5XX rate may exceed the stable side's before the analysis fails it.",
        default: '0.5',
        usedBy: BAKING,
        parse: (raw, name) => parseNumber(name, 0, 100, raw, ' (percentage points)')
    }),
    input({
        name: 'max-4xx-increase',
        summary: 'Analysis: the same for the 4XX rate.',
        key: 'max4xxIncrease',
        description: 'The same for the 4XX rate, in percentage points.',
        default: '1',
        usedBy: BAKING,
        parse: (raw, name) => parseNumber(name, 0, 100, raw, ' (percentage points)')
    }),
    input({
        name: 'analysis-confidence',
        summary: 'Analysis: how sure a test must be that the canary is worse.',
        key: 'analysisConfidence',
        description: 'The release-wide guarantee, in percent: a canary no worse than stable within the allowances is rolled back by the analysis (at any read, any metric, any rung of `steps`) with probability at most 100 − this.',
        default: '95',
        usedBy: BAKING,
        parse: (raw, name) => parseNumber(name, 50, 99.99, raw, ' (percent)')
    }),
    input({
        name: 'max-latency-increase',
        summary: "Analysis: how far the canary's latency may exceed the stable side's.",
        key: 'maxLatencyIncrease',
        description: "How much slower the canary's latency may be than the stable side's, in percent, at every quantile (tested at thresholds from the stable side's p50 to beyond its p99).",
        default: '20',
        usedBy: BAKING,
        parse: (raw, name) => parseNumber(name, 0, 10_000, raw, ' (percent)')
    }),
    input({
        name: 'min-canary-requests',
        summary: 'Analysis: fewer canary requests and the verdict is inconclusive.',
        key: 'minCanaryRequests',
        description: 'Fewer canary requests than this in a bake and the verdict is `inconclusive` (see `on-inconclusive`).',
        default: '200',
        usedBy: BAKING,
        parse: (raw, name) => parseNumber(name, 0, 1_000_000_000, raw)
    }),
    input({
        name: 'on-inconclusive',
        summary: 'Analysis: what an inconclusive verdict does: `pass`, `fail` or `extend`.',
        key: 'onInconclusive',
        description: 'With `analysis: gate`, what an inconclusive verdict at the end of a bake does: `pass`, `fail` (like an alarm), or `extend` (bake on, judging every minute, up to `max-bake-time`, then fail).',
        default: 'pass',
        usedBy: BAKING,
        parse: (raw, name) => parseOneOf(name, ['pass', 'fail', 'extend'], raw)
    }),
    input({
        name: 'max-bake-time',
        summary: 'Analysis: the longest an extended bake may last.',
        key: 'maxBakeTimeMs',
        description: 'With `on-inconclusive: extend` or `advance-on-evidence`, the longest a bake may last in all (a duration such as `30m`).',
        default: '',
        defaultDoc: 'twice `bake-time`',
        usedBy: BAKING,
        parse: (raw, name) => parseDurationInput(name, raw, 1000, MAX_BAKE_MS)
    }),
    input({
        name: 'advance-on-evidence',
        summary: 'Analysis: end each bake as soon as the evidence says the canary is fine.',
        key: 'advanceOnEvidence',
        description: 'With `analysis: gate`, end each bake as soon as the analysis shows the canary within every allowance at `analysis-confidence`, but never before the gating alarms can have seen the rung (their period × datapoints to alarm, plus a minute) and never after `max-bake-time` (then `on-inconclusive`; `extend` fails). `bake-time` no longer sets the bake.',
        default: 'false',
        usedBy: BAKING,
        parse: (raw, name) => parseBoolean(name, raw)
    }),
    input({
        name: 'analysis-metrics',
        summary: 'Analysis: custom KPIs to judge too.',
        key: 'analysisMetrics',
        description: 'Custom KPIs the analysis judges too: a JSON or YAML list of `{name, namespace, metric, statistic, direction, canary-dimensions, stable-dimensions}` (`statistic`: `Sum`, events compared per request, or `Average`, events per sample; `direction`: `higher-is-worse` or `lower-is-worse`; optional `max-change`, percent, default 10; optional `unit`, a CloudWatch unit such as `Seconds`, `Milliseconds`, `Percent` or `Count`, which the summary shows the values in). See docs/canary-analysis.md.',
        default: '',
        usedBy: BAKING,
        empty: () => [],
        parse: (raw, name) => parseAnalysisMetrics(name, raw)
    })
];

;// CONCATENATED MODULE: ./src/triage/github-inputs.ts
/** Triage's input (docs/triage.md), spread into INPUTS (input-table.ts) like the others. */


const TRIAGE_INPUTS = [
    input({
        name: 'triage',
        summary: "After a rollback, the canary's top errors from its logs and X-Ray.",
        key: 'triageEnabled',
        description: "After a rollback, query the canary's execution and access logs (Logs Insights) and X-Ray for its top errors, with counts, into the summary, the `report` output and the log (see docs/triage.md). Runs after the rollback, within 10 s (after a cancel, once the outputs are written, until 5 s after SIGINT); never shows request bodies. `false`: skip.",
        default: 'true',
        usedBy: ['deploy', 'shift', 'ramp', 'promote', 'rollback'],
        parse: (raw, name) => parseBoolean(name, raw)
    })
];

;// CONCATENATED MODULE: ./src/github/input-table.ts










const code = (s) => `\`${s}\``;
const DEPLOYMENT_ID_FORM = 'a deployment id (letters and digits, e.g. abc123)';
const REGION_ENV = ['AWS_REGION', 'AWS_DEFAULT_REGION'];
/** The commands that record a release in GitHub's Deployments. */
const GITHUB_COMMANDS = (0,catalog/* commandsWhere */.Wv)((t) => t.githubDeployment !== 'none');
/**
 * The inputs of preflight and of deploying from an OpenAPI definition
 * (docs/preflight.md, docs/usage.md#deploy-from-an-openapi-definition), after the others.
 */
const PREFLIGHT_COMMANDS = (0,catalog/* commandsWhere */.Wv)((t) => t.preflight !== undefined);
/** The import parameters the action passes to PutRestApi, and the values each accepts. */
const IMPORT_PARAMETERS = {
    ignore: ['documentation'],
    basepath: ['ignore', 'prepend', 'split']
};
const PARAMETERS_FORM = 'comma-separated key=value pairs: ignore=documentation, basepath=ignore|prepend|split';
function parseImportParameters(name, raw) {
    const out = {};
    for (const pair of splitList(raw)) {
        const [key = '', value = '', ...rest] = pair.split('=').map((s) => s.trim());
        if (key === 'endpointConfigurationTypes') {
            throw new errors/* InputError */.dz(name, `Input '${name}' must not set endpointConfigurationTypes: it would change the live API's endpoint type. Change the endpoint with UpdateRestApi on purpose, outside a release.`);
        }
        // Own keys only: `constructor` or `__proto__` are keys of every object, not parameters.
        if (rest.length > 0 ||
            !Object.hasOwn(IMPORT_PARAMETERS, key) ||
            !IMPORT_PARAMETERS[key].includes(value))
            fail(name, PARAMETERS_FORM, raw);
        out[key] = value;
    }
    return out;
}
const RELEASE_INPUTS = [
    input({
        name: 'preflight',
        summary: '`deploy`, `ramp`: check the setup first: `warn`, `fail` or `off`.',
        key: 'preflight',
        description: 'deploy, ramp: check the stage, its domain, DNS, logging, alarms and backends before any change (see docs/preflight.md). `warn`: report problems, but still fail on those that make the release unsafe (a missing gating alarm, an alarm that cannot fire at the first rung, a stage that does not exist, a custom domain not mapped to it, a backend the canary cannot call); `fail`: any failed check fails the step before any change; `off`: skip. The `preflight` command always fails on any failed check.',
        default: 'warn',
        usedBy: ['deploy', 'ramp'],
        parse: (raw, name) => parseOneOf(name, ['fail', 'warn', 'off'], raw)
    }),
    input({
        name: 'domain-name',
        summary: 'The custom domain customers call, for preflight.',
        key: 'domainName',
        description: 'preflight, deploy, ramp: the custom domain customers call (e.g. `api.example.com`), checked for its base path mapping to this stage and its Route 53 alias. Empty: every custom domain mapped to the stage.',
        default: '',
        usedBy: PREFLIGHT_COMMANDS,
        ...matching('a domain name such as api.example.com', /^(?=.{1,253}$)([A-Za-z0-9*]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}\.?$/)
    }),
    input({
        name: 'hosted-zone-id',
        summary: "The custom domain's Route 53 hosted zone, for preflight.",
        key: 'hostedZoneId',
        description: "preflight, deploy, ramp: the Route 53 hosted zone holding the custom domain's records (e.g. `Z0123456789ABC`). Empty: found with `ListHostedZonesByName`.",
        default: '',
        usedBy: PREFLIGHT_COMMANDS,
        ...matching('a Route 53 hosted zone id such as Z0123456789ABC', /^(\/hostedzone\/)?[A-Z0-9]{1,32}$/)
    }),
    input({
        name: 'openapi-file',
        summary: '`deploy`: an OpenAPI definition to import (`PutRestApi`) before the canary.',
        key: 'openapiFile',
        description: "deploy: an OpenAPI 2.0 or 3.0 definition (JSON or YAML, at most 6 MB), relative to the workspace or absolute; its real path (symlinks followed) must be inside the workspace or `RUNNER_TEMP`, and it is checked before any AWS call. deploy imports it into the REST API (`PutRestApi`), then creates the canary deployment from it; a re-run whose canary already exists imports nothing. The deployment's description records the file's sha256.",
        default: '',
        usedBy: ['deploy'],
        ...matching('a file path in the workspace or RUNNER_TEMP, e.g. openapi.yaml', /^[^\0\n\r]{1,1024}$/)
    }),
    input({
        name: 'import-mode',
        summary: '`deploy` with `openapi-file`: `overwrite` or `merge`.',
        key: 'importMode',
        description: "deploy with `openapi-file`: `overwrite` (the API becomes exactly the file: what the file no longer has is deleted, as a source-controlled definition expects) or `merge` (the file's paths are added or updated; resources added outside the file are kept).",
        default: 'overwrite',
        usedBy: ['deploy'],
        parse: (raw, name) => parseOneOf(name, ['overwrite', 'merge'], raw)
    }),
    input({
        name: 'fail-on-warnings',
        summary: '`deploy` with `openapi-file`: refuse a definition with warnings.',
        key: 'failOnWarnings',
        description: 'deploy with `openapi-file`: refuse the import when API Gateway finds warnings in the definition (nothing is imported or deployed); `false` imports anyway and logs the warnings.',
        default: 'true',
        usedBy: ['deploy'],
        parse: (raw, name) => parseBoolean(name, raw)
    }),
    input({
        name: 'import-parameters',
        summary: '`deploy` with `openapi-file`: `PutRestApi` parameters.',
        key: 'importParameters',
        description: "deploy with `openapi-file`: PutRestApi parameters, e.g. `ignore=documentation` or `basepath=prepend`. `endpointConfigurationTypes` is refused: it would change the live API's endpoint type.",
        default: '',
        usedBy: ['deploy'],
        empty: () => ({}),
        parse: (raw, name) => parseImportParameters(name, raw)
    })
];
/** In the order parseInputs reads them, which is the order of action.yml and the README. */
const INPUTS = [
    input({
        name: 'command',
        summary: 'What the step does: `deploy`, `shift`, `ramp`, `promote`, `rollback`, `status` or `preflight`.',
        key: 'command',
        description: `What this step does: ${catalog/* COMMANDS */.Lo.slice(0, -1).map(code).join(', ')} or ${code(catalog/* COMMANDS */.Lo.at(-1))}.`,
        required: true,
        empty: (name) => {
            throw requiredError(name, `one of ${catalog/* COMMANDS */.Lo.join(', ')}`);
        },
        parse: (raw, name) => parseOneOf(name, catalog/* COMMANDS */.Lo, raw)
    }),
    input({
        name: 'rest-api-id',
        summary: "The REST API's id, e.g. `a1b2c3d4e5`.",
        key: 'restApiId',
        description: "The REST API's id (e.g. `a1b2c3d4e5`), not its name.",
        ...requiredMatching("the REST API's id (letters and digits, e.g. a1b2c3d4e5), not its name", API_GATEWAY_ID)
    }),
    input({
        name: 'stage',
        summary: 'The stage, e.g. `prod`.',
        key: 'stage',
        description: 'The stage name, e.g. `prod`.',
        ...requiredMatching('a stage name of letters, digits, - and _ (up to 128)', /^[A-Za-z0-9_-]{1,128}$/)
    }),
    input({
        name: 'steps',
        summary: 'The traffic ladder, in percent.',
        key: 'steps',
        description: 'The traffic ladder, strictly ascending, each above 0 and at most 100.',
        default: '5,10,25,50,100',
        parse: (raw, name) => (0,ladder/* parseSteps */.$i)(name, raw)
    }),
    input({
        name: 'percent',
        summary: '`deploy`, `shift`: canary traffic, or `next` (the next rung); required for `shift`.',
        key: 'percent',
        description: 'Canary traffic: a number from 0 to 100 (decimals allowed, a trailing `%` accepted), or `next` (shift only: the smallest rung of `steps` above the current traffic). Used by `deploy` and `shift`; required for `shift`.',
        defaultDoc: 'the first rung of `steps` for deploy',
        usedBy: ['deploy', 'shift'],
        empty: () => undefined,
        parse: (raw, name) => parsePercent(name, raw)
    }),
    input({
        name: 'bake-time',
        summary: 'How long to watch the alarms after each traffic change, e.g. `10m`.',
        key: 'bakeTimeMs',
        description: "How long to watch the alarms after each traffic change: `90s`, `5m`, `1h30m`, or a number of seconds; at most 5 days (a self-hosted runner's job limit).",
        perCommand: { values: { ramp: '5m', preflight: '5m' }, otherwise: '0' },
        parse: (raw, name) => parseDurationInput(name, raw, 0, MAX_BAKE_MS)
    }),
    input({
        name: 'poll-interval',
        summary: 'How often the alarms are read while baking.',
        key: 'pollIntervalMs',
        description: 'How often the alarms are read while baking (1 s to 1 h).',
        default: '15s',
        parse: (raw, name) => parseDurationInput(name, raw, 1000, MAX_POLL_MS)
    }),
    input({
        name: 'alarm-names',
        summary: 'The CloudWatch alarms that gate every increase and the promotion.',
        key: 'alarmNames',
        description: 'CloudWatch alarms (metric or composite) that gate every traffic increase and promotion; comma- or newline-separated.',
        default: '',
        empty: () => [],
        parse: (raw, name) => parseAlarmNames(name, raw)
    }),
    input({
        name: 'alarm-name-prefix',
        summary: 'Also gate on every alarm whose name starts with this.',
        key: 'alarmNamePrefix',
        description: 'Also gate on every alarm whose name starts with this.',
        default: '',
        parse: (raw, name) => parseText(name, 'an alarm name prefix of up to 255 characters', 255, raw)
    }),
    input({
        name: 'allow-ungated',
        summary: 'Release with no gate at all, on purpose (no alarm and no gating analysis).',
        key: 'allowUngated',
        description: 'deploy, shift, ramp, promote: release with no gate at all on purpose. A step that would raise canary traffic or promote while nothing could stop a failing canary (no alarm in `alarm-names` or `alarm-name-prefix`, and no `analysis: gate` judging a bake of this step) fails before any change unless this is `true`; then the log and the job summary say the release was ungated.',
        default: 'false',
        usedBy: ['deploy', 'shift', 'ramp', 'promote'],
        parse: (raw, name) => parseBoolean(name, raw)
    }),
    input({
        name: 'insufficient-data',
        summary: 'How an alarm in INSUFFICIENT_DATA counts: `ok` or `alarm`.',
        key: 'insufficientData',
        description: 'How an alarm in INSUFFICIENT_DATA counts: `ok` (with a warning) or `alarm`.',
        default: 'ok',
        parse: (raw, name) => parseOneOf(name, ['ok', 'alarm'], raw)
    }),
    input({
        name: 'on-alarm',
        summary: 'What an alarm during a bake does: `rollback` or `fail`.',
        key: 'onAlarm',
        description: 'What an alarm during a bake does: `rollback` (canary to 0 %, step fails) or `fail` (traffic left as is, step fails).',
        default: 'rollback',
        parse: (raw, name) => parseOneOf(name, ['rollback', 'fail'], raw)
    }),
    input({
        name: 'rollback-on-cancel',
        summary: 'Set the canary to 0 % when the job is cancelled.',
        key: 'rollbackOnCancel',
        description: 'When the job is cancelled while this step has raised canary traffic, set the canary to 0 % before exiting.',
        default: 'true',
        parse: (raw, name) => parseBoolean(name, raw)
    }),
    input({
        name: 'stage-variable-overrides',
        summary: "`deploy`: the canary's own stage variables.",
        key: 'stageVariableOverrides',
        description: "deploy: the canary's stage variables, `key=value` lines or a JSON object. Names: letters, digits, `_` (up to 64); values: letters, digits and `-._~:/?#&=,` (up to 512); at most 100. preflight: the overrides to check the backends with (empty: the existing canary's).",
        default: '',
        usedBy: ['deploy', 'preflight'],
        untrimmed: true,
        empty: () => ({}),
        parse: (raw, name) => parseStageVariables(name, raw)
    }),
    input({
        name: 'use-stage-cache',
        summary: '`deploy`: whether canary requests use the stage cache.',
        key: 'useStageCache',
        description: 'deploy: whether canary requests use the stage cache.',
        default: 'false',
        usedBy: ['deploy'],
        parse: (raw, name) => parseBoolean(name, raw)
    }),
    input({
        name: 'description',
        summary: "`deploy`: the deployment's description.",
        key: 'description',
        description: "deploy: the deployment's description (up to 1024 characters). By default it records repository, commit SHA, run id and attempt, actor and a random step id; a custom one gets `(apigw-canary: owner/repo@sha, step <id>)` appended so re-runs recognise their canary.",
        default: '',
        defaultDoc: 'generated',
        usedBy: ['deploy'],
        parse: (raw, name) => parseText(name, 'a description of up to 1024 characters', 1024, raw)
    }),
    input({
        name: 'if-canary-exists',
        summary: '`deploy`: when another canary carries traffic, `fail` or `replace`.',
        key: 'ifCanaryExists',
        description: 'deploy: what to do when another canary carries traffic: `fail` or `replace`.',
        default: 'fail',
        usedBy: ['deploy'],
        parse: (raw, name) => parseOneOf(name, ['fail', 'replace'], raw)
    }),
    input({
        name: 'promote-on-success',
        summary: '`ramp`: promote after the last rung baked clean.',
        key: 'promoteOnSuccess',
        description: 'ramp: promote after the last rung baked clean.',
        default: 'false',
        usedBy: ['ramp'],
        parse: (raw, name) => parseBoolean(name, raw)
    }),
    input({
        name: 'rollback-mode',
        summary: '`rollback`: `zero` (keep the canary at 0 %) or `remove`.',
        key: 'rollbackMode',
        description: 'rollback: `zero` (canary kept at 0 % for investigation) or `remove` (canary settings deleted).',
        default: 'zero',
        usedBy: ['rollback'],
        parse: (raw, name) => parseOneOf(name, ['zero', 'remove'], raw)
    }),
    input({
        name: 'to-deployment-id',
        summary: '`rollback`: also point the stage back at this deployment (undo a promotion).',
        key: 'toDeploymentId',
        description: 'rollback: point the stage itself back at this deployment (the undo of a promotion).',
        default: '',
        usedBy: ['rollback'],
        ...matching(DEPLOYMENT_ID_FORM, API_GATEWAY_ID)
    }),
    input({
        name: 'expected-canary-deployment-id',
        summary: '`shift`, `ramp`, `promote`: the only canary the step may raise or promote.',
        key: 'expectedCanaryId',
        description: "shift (an increase), ramp, promote: the canary deployment this step may raise or promote. Empty: only the canary deployed from the workflow's own commit (`GITHUB_SHA`); set it to drive another commit's canary on purpose, e.g. from a manual `workflow_dispatch` ramp. The step refuses if the stage's canary is any other deployment.",
        default: '',
        usedBy: ['shift', 'ramp', 'promote'],
        ...matching(DEPLOYMENT_ID_FORM, API_GATEWAY_ID)
    }),
    input({
        name: 'aws-region',
        summary: 'The AWS region.',
        key: 'region',
        description: 'The AWS region.',
        env: REGION_ENV,
        empty: (name) => {
            throw new errors/* InputError */.dz(name, `Input '${name}' is required when ${REGION_ENV.join(' and ')} are not set: a region such as us-east-1.`);
        },
        ...matching('an AWS region such as us-east-1 or eu-west-2', /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/)
    }),
    input({
        name: 'endpoint-url',
        summary: 'A custom endpoint for the AWS APIs (the emulator, a VPC endpoint).',
        key: 'endpointUrl',
        description: "A custom endpoint for every AWS call (API Gateway, CloudWatch, Route 53, Lambda, CloudWatch Logs and X-Ray): a VPC interface endpoint, or a local stand-in such as LocalStack. Leave it empty for AWS's own endpoints.",
        env: ['AWS_ENDPOINT_URL'],
        parse: (raw, name) => parseUrl(name, raw)
    }),
    input({
        name: 'max-attempts',
        summary: 'SDK attempts per AWS call.',
        key: 'maxAttempts',
        description: "SDK attempts per AWS call (1 to 20), with the SDK's standard retry backoff. API Gateway's control plane allows 10 requests/s per account.",
        default: '6',
        parse: (raw, name) => parseWhole(name, 1, 20, raw)
    }),
    input({
        name: 'dry-run',
        summary: 'Read, gate and print the calls that would be made; change nothing.',
        key: 'dryRun',
        description: 'Read, gate and print the exact calls that would be made; change nothing.',
        default: 'false',
        parse: (raw, name) => parseBoolean(name, raw)
    }),
    input({
        name: 'github-deployment',
        summary: "Record the release in the repository's GitHub Deployments.",
        key: 'githubDeployment',
        description: "Record the release in the repository's GitHub Deployments: a deployment per canary in `environment`, and a status per step (`in_progress` with the traffic, `success` on promotion, `failure` on an alarm or a failed step, `inactive` after a manual rollback). Needs `permissions: deployments: write`; a GitHub failure is a warning, never a failed step.",
        default: 'true',
        usedBy: GITHUB_COMMANDS,
        parse: (raw, name) => parseBoolean(name, raw)
    }),
    input({
        name: 'github-token',
        summary: "The token for GitHub's Deployments API.",
        key: 'githubToken',
        description: "The token for GitHub's Deployments API: the job's `GITHUB_TOKEN` by default.",
        default: '${{ github.token }}',
        // Never quoted in an error. An expression left unevaluated (a local run) is no token.
        parse: (raw) => (raw.includes('${{') ? undefined : raw)
    }),
    input({
        name: 'environment',
        summary: 'The GitHub environment the release is recorded in.',
        key: 'environment',
        description: "The GitHub environment the release's deployment is recorded in. Name it apart from the job's own `environment:` (see docs/multi-region.md).",
        default: '',
        defaultDoc: '`{stage} ({region})`, e.g. `prod (us-east-1)`',
        usedBy: GITHUB_COMMANDS,
        parse: (raw, name) => parseText(name, 'an environment name of up to 255 characters', 255, raw)
    }),
    input({
        name: 'environment-url',
        summary: 'The URL GitHub shows for that environment.',
        key: 'environmentUrl',
        description: "The URL GitHub shows for the environment, e.g. the stage's invoke URL.",
        default: '',
        usedBy: GITHUB_COMMANDS,
        parse: (raw, name) => parseUrl(name, raw)
    }),
    input({
        name: 'canary-metrics-stage',
        summary: "The CloudWatch `Stage` dimension of the canary's metrics.",
        key: 'canaryMetricsStage',
        description: "The CloudWatch `Stage` dimension of the canary's metrics, for the canary analysis (see `analysis`) and the canary-vs-stable comparison in the job summary. Empty: found with `ListMetrics`, else `{stage}/Canary`.",
        default: '',
        ...matching('a CloudWatch Stage dimension value such as prod/Canary', /^[A-Za-z0-9_/-]{1,256}$/)
    }),
    ...RELEASE_INPUTS,
    ...ANALYSIS_INPUTS,
    ...TRIAGE_INPUTS
];
// Every Config field comes from one input: this fails to compile if one does not.
const _everyFieldFilled = {};
void _everyFieldFilled;

;// CONCATENATED MODULE: ./src/github/inputs.ts









const SPECS = INPUTS;
/** The defaults action.yml declares, from the input table. Inputs absent here have none there. */
const INPUT_DEFAULTS = Object.fromEntries(SPECS.flatMap((spec) => (spec.default === undefined ? [] : [[spec.name, spec.default]])));
/**
 * Rules across inputs, each run right after the input it is keyed by (so the
 * first bad input, in table order, is the one reported).
 */
const CROSS_FIELD = {
    percent: ({ command, percent }, raw) => {
        const wants = command && (0,catalog/* traitsOf */.JC)(command).percent;
        if (wants === 'required' && percent === undefined)
            throw new errors/* InputError */.dz('percent', `Input 'percent' is required for ${command}: ${PERCENT_FORM}.`);
        if (wants === 'number' && percent === 'next')
            fail('percent', `a number from 0 to 100 for ${command} (next is for shift)`, raw);
    }
};
/** The variable the runner sets for an input: INPUT_ + the name upper-cased, spaces as `_`. */
const inputVariable = (name) => `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
const KNOWN = new Set(SPECS.map((spec) => inputVariable(spec.name)));
/**
 * The `with:` keys this action does not declare, as the runner passed them
 * (INPUT_* variables, upper-cased: shown lower-cased). The runner only warns
 * about them, so a typo (`alarm-name:`) would otherwise run as if unset.
 */
function unknownInputs(env) {
    return Object.keys(env)
        .filter((k) => k.startsWith('INPUT_') && !KNOWN.has(k))
        .map((k) => k.slice('INPUT_'.length).toLowerCase())
        .sort();
}
/** The one-line refusal of unknown inputs, naming the closest declared input of each. */
function refuseUnknown(unknown) {
    const names = SPECS.map((spec) => spec.name);
    const [first, ...more] = unknown.map((u) => ({ u, near: (0,mod/* closest */.kp)(u, names) }));
    const also = more.map(({ u, near }) => `${(0,errors/* shownValue */.JJ)(u, 40)} (${near}?)`).join(', ');
    throw new errors/* InputError */.dz(first.u, `Input ${(0,errors/* shownValue */.JJ)(first.u, 40)} is not an input of this action: did you mean '${first.near}'?` +
        (also ? ` Also unknown: ${(0,errors/* cutText */.IN)(also, 200)}.` : '') +
        ' The runner passes an unknown key on with only a warning; this step stops instead of running without it.');
}
/**
 * Parses and validates every input into one Config. Throws InputError (one line
 * naming the input and the form it accepts) on the first bad one, and first of
 * all on an input name the action does not declare.
 */
function parseInputs(read, env = process.env) {
    const unknown = unknownInputs(env);
    if (unknown.length > 0)
        refuseUnknown(unknown);
    const cfg = {};
    for (const spec of SPECS) {
        const given = read(spec.name);
        let raw = spec.untrimmed ? given : given.trim();
        if (given.trim() === '') {
            const { perCommand } = spec;
            const command = cfg.command;
            raw =
                spec.env?.map((v) => env[v]?.trim()).find(Boolean) ||
                    (perCommand && command ? (perCommand.values[command] ?? perCommand.otherwise) : '') ||
                    (spec.default ?? '');
        }
        cfg[spec.key] = raw === '' ? spec.empty?.(spec.name) : spec.parse(raw, spec.name);
        CROSS_FIELD[spec.name]?.(cfg, raw);
    }
    // Every input is valid: last, whether together they leave a release ungated.
    const ungated = (0,gate/* ungatedRefusal */.hS)(cfg);
    if (ungated)
        throw new errors/* InputError */.dz('allow-ungated', ungated);
    return cfg;
}
/**
 * Inputs set (to other than their action.yml default, which the runner passes
 * along) that this command does not use, so that the run can say so.
 */
function ignoredInputs(cfg, read) {
    return SPECS.filter((spec) => {
        const v = read(spec.name).trim();
        return v !== '' && v !== (spec.default ?? '') && !usedBy(spec).includes(cfg.command);
    }).map((spec) => spec.name);
}
const cut = (s) => (0,errors/* cutText */.IN)(s, 128);
/**
 * The report of a step whose inputs did not parse: what was typed for the
 * stage and alarms (cut: a bad input can be huge), so that the outputs and
 * the summary still say which stage it was and that the alarms were not read.
 */
function badInputsReport(read, err, now) {
    const command = read('command').trim();
    const typed = {
        command: (catalog/* COMMANDS */.Lo.includes(command) ? command : 'status'),
        restApiId: cut(read('rest-api-id').trim()),
        stage: cut(read('stage').trim()),
        dryRun: false,
        steps: [],
        alarmNames: read('alarm-names').trim() ? [cut(read('alarm-names'))] : [],
        alarmNamePrefix: cut(read('alarm-name-prefix').trim()) || undefined
    };
    return {
        ...(0,core_report/* newReport */.b)(typed, now),
        abortReason: err instanceof errors/* InputError */.dz ? err.message : (0,errors/* errorMessage */.gJ)(err),
        finishedAt: now.toISOString()
    };
}

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6421);
// EXTERNAL MODULE: ./src/github/untrusted.ts
var untrusted = __webpack_require__(3209);
;// CONCATENATED MODULE: ./src/github/logger.ts


/**
 * Logs, groups, annotations and debug lines through @actions/core. Messages
 * carry text the action did not write (names, reasons, descriptions, AWS's
 * errors), so every one, group titles and annotation titles included, goes
 * through logText() first: one physical line that the runner cannot read as a
 * workflow command, secrets redacted. @actions/core escapes only the payload
 * of the commands it writes (annotations, groups, debug); core.info() prints
 * its argument as it is.
 */
const runnerLogger = {
    info: (m) => core/* info */.pq((0,untrusted/* logText */.kc)(m)),
    warning: (m, title) => core/* warning */.$e((0,untrusted/* logText */.kc)(m), title ? { title: (0,untrusted/* logText */.kc)(title) } : {}),
    error: (m, title) => core/* error */.z3((0,untrusted/* logText */.kc)(m), title ? { title: (0,untrusted/* logText */.kc)(title) } : {}),
    group: (name, fn) => core/* group */.Os((0,untrusted/* logText */.kc)(name), fn),
    // Shown when the run is re-run with debug logging (ACTIONS_STEP_DEBUG / RUNNER_DEBUG).
    debug: (m) => core/* debug */.Yz((0,untrusted/* logText */.kc)(m))
};
/** Fails the step with an error annotation, its message made safe like the logger's. */
function failStep(message) {
    core/* setFailed */.C1((0,untrusted/* logText */.kc)(message));
}

// EXTERNAL MODULE: ./src/github/secrets.ts
var secrets = __webpack_require__(298);
;// CONCATENATED MODULE: ./src/github/outputs.ts



/**
 * Pure: every output of action.yml from the report. Written on every path,
 * failures included. A later step may print any of them, and they carry text
 * the action did not write (alarm names and reasons, AWS's errors): the
 * single-line ones pass through logText(), the JSON ones through logJson().
 */
function outputsOf(report) {
    const after = report.after;
    const percent = (0,stage/* trafficOf */.t7)(after);
    const status = report.outcome ?? (after ? (after.canary ? 'canary' : 'no-canary') : '');
    const next = after?.canary ? (0,ladder/* nextRung */.O7)(report.steps, percent) : undefined;
    const alarms = (report.alarms ?? []).map((a) => ({
        name: a.name,
        state: a.state,
        reason: a.reason,
        updated: a.updated
    }));
    const lines = {
        status,
        percent: after ? String(percent) : '',
        'previous-percent': report.before ? String((0,stage/* trafficOf */.t7)(report.before)) : '',
        'next-percent': next === undefined ? '' : String(next),
        'canary-deployment-id': after?.canary?.deploymentId ?? '',
        'stable-deployment-id': after?.stableDeploymentId ?? '',
        'previous-stable-deployment-id': report.previousStableDeploymentId ?? '',
        'canary-commit': report.canaryCommit ?? '',
        // Empty when alarms are configured but the step ended before reading them.
        'alarm-state': report.alarmsConfigured && report.alarms === undefined ? '' : report.alarmState,
        alarms: (0,untrusted/* logJson */.dF)(alarms),
        'abort-reason': report.abortReason ?? '',
        'github-deployment-id': report.githubDeploymentId ?? '',
        analysis: report.analysis?.outcome ?? '',
        'blast-radius': report.analysis ? (0,untrusted/* logJson */.dF)(report.analysis.blastRadius) : '',
        preflight: (0,untrusted/* logJson */.dF)(report.preflightChecks ?? [])
    };
    const outputs = {};
    for (const [k, v] of Object.entries(lines))
        outputs[k] = k === 'alarms' || k === 'preflight' || k === 'blast-radius' ? v : (0,untrusted/* logText */.kc)(v);
    const full = {
        ...outputs,
        command: report.command,
        restApiId: report.restApiId,
        stage: report.stage,
        dryRun: report.dryRun,
        metrics: report.metrics,
        analysis: report.analysis,
        triage: report.triage,
        investigation: report.investigation,
        alarms,
        preflight: report.preflightChecks ?? [],
        timeline: report.timeline,
        changes: report.changes,
        startedAt: report.startedAt,
        finishedAt: report.finishedAt ?? ''
    };
    return { ...outputs, report: (0,untrusted/* logJson */.dF)(full) };
}

// EXTERNAL MODULE: ./src/analysis/blast-radius.ts
var blast_radius = __webpack_require__(4915);
;// CONCATENATED MODULE: ./src/analysis/github-summary.ts



const VERDICT = { pass: '✅ pass', fail: '❌ fail', inconclusive: '❔ inconclusive' };
/** A figure as its metric is shown (a KPI in its declared unit): never guessed from the metric's name. */
function value(m, v, signed = false) {
    if (v === undefined || !Number.isFinite(v))
        return '—';
    if (m.shownAs === 'ratio')
        return formatInUnit('ratio', v, signed);
    // Latency: the share of requests slower than the top threshold (× the allowance for the canary).
    if (m.shownAs === 'slow-share')
        return `${formatInUnit('ratio', v, signed)} slow`;
    return `${formatInUnit(m.shownAs.unit, v, signed)} per ${m.shownAs.per}`;
}
/** An e-value: how many times the evidence has multiplied the bet. */
const evidence = (e) => !Number.isFinite(e) ? '∞' : e >= 1e6 ? e.toExponential(1) : e >= 100 ? e.toFixed(0) : e.toFixed(2);
const hhmm = (t) => new Date(t).toISOString().slice(11, 16);
/** Carries the last known value over minutes without data (mermaid lines need a number per label). */
function line(points, pick) {
    let last = 0;
    const values = points.map((p) => {
        const v = pick(p);
        if (v !== undefined && Number.isFinite(v))
            last = Math.round(v * 100) / 100;
        return last;
    });
    return `[${values.join(', ')}]`;
}
/** Canary against stable per minute of the bake, as mermaid xycharts GitHub renders. */
function analysisCharts(points) {
    const labels = `[${points.map((p) => `"${hhmm(p.time)}"`).join(', ')}]`;
    const chart = (title, axis, stable, canary) => [
        '```mermaid',
        'xychart-beta',
        `  title "${title}"`,
        `  x-axis "minute (UTC)" ${labels}`,
        `  y-axis "${axis}"`,
        `  line ${stable}`,
        `  line ${canary}`,
        '```'
    ].join('\n');
    return [
        chart('5XX rate (%): stable, then canary', '5XX %', line(points, (p) => p.stable5xx), line(points, (p) => p.canary5xx)),
        chart('Latency p99 (ms): stable, then canary', 'ms', line(points, (p) => p.stableP99), line(points, (p) => p.canaryP99))
    ].join('\n\n');
}
/** The summary's canary analysis: the verdict per metric, its charts, and the metrics its reads cost. */
function analysisSection(report) {
    const a = report.analysis;
    if (!a)
        return [];
    const v = a.verdict;
    const rows = v.metrics.map((m) => `| ${(0,untrusted/* mdText */.bC)(m.metric)} | ${value(m, m.stable)} | ${value(m, m.canary)} | ${value(m, m.difference, true)} | ${evidence(m.eValue)} of ${evidence(1 / m.alpha)} | ${evidence(m.eNotWorse)} | ${VERDICT[m.outcome]} | ${(0,untrusted/* mdText */.bC)(m.why)} |`);
    const gate = a.mode === 'gate'
        ? `Gating (\`analysis: gate\`${a.advanceOnEvidence ? ', `advance-on-evidence`' : ''}): ${a.decision === 'fail' ? 'the canary failed it and was treated like an alarm' : a.decision === 'extend' ? 'inconclusive, the bake was extended' : a.advanceOnEvidence && a.verdict.evidence ? 'the canary was shown within every allowance, the bake ended on that evidence' : 'it did not stop the canary'}.`
        : 'Informational (`analysis: report`): it does not gate.';
    const reads = a.bakes
        .map((b) => `${b.percent}%: ${b.reads} reads, ${b.billedMetrics} metrics`)
        .join('; ');
    return [
        [
            `### Canary analysis: ${VERDICT[a.outcome]}`,
            `${(0,untrusted/* mdText */.bC)(v.why)}. ${v.canaryRequests} canary requests over ${v.minutes} minutes of the step (last bake ${a.window.start.slice(11, 16)}–${a.window.end.slice(11, 16)} UTC), Stage ${(0,untrusted/* mdCode */.xs)(a.canaryStage)} beside ${(0,untrusted/* mdCode */.xs)(report.stage)} of ${(0,untrusted/* mdCode */.xs)(a.apiName)}; anytime-valid tests, a healthy canary is rolled back by chance with probability at most ${Math.round((100 - a.confidence) * 100) / 100}% over the whole release. ${gate}`,
            '',
            `Blast radius: ${(0,blast_radius/* blastRadiusText */.q)(a.blastRadius.release)}${a.blastRadius.rungs.length > 1 ? `; ${a.blastRadius.rungs.map((r) => `${r.percent}%: ${(0,blast_radius/* blastRadiusText */.q)(r)}`).join('; ')}` : ''}.`,
            '',
            '| Metric | Stable | Canary | Difference | Evidence of worse (fails at) | Evidence of within | Verdict | Why |',
            '| --- | --- | --- | --- | --- | --- | --- | --- |',
            ...rows,
            '',
            `GetMetricData metrics billed: ${a.billedMetrics} (${reads}).`
        ].join('\n'),
        ...(a.chart.length > 1 ? [`### Canary vs stable per minute\n${analysisCharts(a.chart)}`] : [])
    ];
}
/** After a rollback or a failed step with a canary: where to look, and how to deploy a fix. */
function investigationSection(report) {
    const i = report.investigation;
    if (!i)
        return [];
    const link = (text, url) => `[${text}](<${url}>)`;
    return [
        [
            '### Investigate',
            `- ${link('Execution logs', i.executionLogs)} of the canary (${(0,untrusted/* mdCode */.xs)(i.logGroup)})`,
            `- ${link('Logs Insights: failed requests during the bake', i.logsInsights)}`,
            `- ${link('X-Ray traces', i.traces)} of the stage during the bake`,
            ...i.alarms.map((a) => `- Alarm ${link((0,untrusted/* mdText */.bC)(a.name), a.url)}`),
            '',
            'The query:',
            '```',
            i.logsInsightsQuery,
            '```',
            `Deploy a fix as a new canary: ${(0,untrusted/* mdText */.bC)(i.fixHint)}`
        ].join('\n')
    ];
}
/** The canary analysis and investigation sections of the job summary (summary.ts). */
function analysisSummary(report) {
    return [...analysisSection(report), ...investigationSection(report)];
}

// EXTERNAL MODULE: ./src/preflight/checks.ts + 6 modules
var preflight_checks = __webpack_require__(1969);
;// CONCATENATED MODULE: ./src/preflight/github-summary.ts


/** Pure: the job summary's preflight table, and one row per backend; undefined when preflight did not run. */
function preflightSection(report) {
    const checks = report.preflightChecks;
    if (!checks)
        return undefined;
    const cell = (s) => (s ? (0,untrusted/* mdText */.bC)(s.replace(/\n/g, ' ')) : '—');
    const backends = checks.filter((c) => c.backend);
    // A command to run shows as code, to copy as it is.
    const todoCell = (s) => {
        const at = s?.indexOf('Run: aws ') ?? -1;
        if (at < 0)
            return cell(s);
        const before = s.slice(0, at).trim();
        return `${before ? `${cell(before)} ` : ''}Run: ${(0,untrusted/* mdCode */.xs)(s.slice(at + 5), true)}`;
    };
    const out = [
        '### Preflight',
        '| | Check | Found | What to do |',
        '| --- | --- | --- | --- |',
        ...checks
            .filter((c) => !c.backend)
            .map((c) => `| ${preflight_checks/* CHECK_ICON */.pQ[c.status]} | ${c.title} | ${cell(c.found)} | ${cell(c.todo)} |`)
    ];
    if (backends.length > 0) {
        out.push('', '| | Stable target | Canary target | Found | What to do |', '| --- | --- | --- | --- | --- |', ...backends.map((c) => `| ${preflight_checks/* CHECK_ICON */.pQ[c.status]} | ${(0,untrusted/* mdCode */.xs)(c.backend.stable, true)} | ${(0,untrusted/* mdCode */.xs)(c.backend.canary, true)} | ${cell(c.found)} | ${todoCell(c.todo)} |`));
    }
    return out.join('\n');
}

// EXTERNAL MODULE: ./src/triage/decide.ts
var decide = __webpack_require__(1422);
;// CONCATENATED MODULE: ./src/triage/github-summary.ts


/**
 * Pure: the job summary's triage section (docs/triage.md), above the
 * investigation links; nothing when triage did not run. Every message and id
 * came from AWS or from the canary's requests: mdText and mdCode only.
 */
function triageSection(report) {
    const t = report.triage;
    if (!t)
        return [];
    const out = [
        `### Triage: what the canary answered`,
        `${t.window.start.slice(11, 19)}–${t.window.end.slice(11, 19)} UTC. Request bodies are never shown.`
    ];
    for (const s of t.sections) {
        const title = decide/* SOURCE_TITLE */.J0[s.source];
        if (s.status !== 'found') {
            out.push(`- **${title}**: ${(0,untrusted/* mdText */.bC)(s.note ?? s.status)}`);
            continue;
        }
        const id = s.source === 'x-ray' ? 'Example trace' : 'Example request';
        out.push([
            `**${title}**`,
            '',
            `| Count | Error | ${id} |`,
            '| ---: | --- | --- |',
            ...s.top.map((r) => `| ${r.count} | ${(0,untrusted/* mdText */.bC)(r.text)} | ${(0,untrusted/* mdCode */.xs)(r.example, true)} |`)
        ].join('\n'));
    }
    return [out.join('\n\n')];
}

;// CONCATENATED MODULE: ./src/github/summary.ts









/** A code span in a table cell. */
const cellCode = (s) => (0,untrusted/* mdCode */.xs)(s, true);
const HEADLINE = {
    canary: '🟡 canary',
    'no-canary': '⚪ no canary',
    promoted: '🟢 promoted',
    'rolled-back': '🔴 rolled back',
    '': '⚪ unknown'
};
function elapsed(startedAt, time) {
    return `+${(0,duration/* formatDuration */.a)(Math.max(0, Date.parse(time) - Date.parse(startedAt)))}`;
}
/** Pure: canary traffic at every moment of the step, as (time, percent) changes from the timeline. */
function trafficSteps(report) {
    const steps = [{ at: Date.parse(report.startedAt), percent: (0,stage/* trafficOf */.t7)(report.before) }];
    for (const e of report.timeline)
        steps.push({ at: Date.parse(e.time), percent: e.percent });
    return steps;
}
const CHART_BUCKETS = 24;
/** Axis labels that stay distinct at any bucket width (mermaid merges equal categories). */
function axisLabel(ms, bucketMs) {
    if (bucketMs >= 1000)
        return (0,duration/* formatDuration */.a)(Math.round(ms / 1000) * 1000).replace(/^0ms$/, '0s');
    const decimals = Math.min(3, Math.ceil(-Math.log10(bucketMs / 1000)));
    return `${(ms / 1000).toFixed(decimals)}s`;
}
/**
 * Canary traffic over time as a mermaid xychart that GitHub renders. The step
 * is cut into equal time buckets, each showing the highest traffic it had (so
 * a short exposure still shows), and a last point gives the traffic the step
 * ended with (so a rollback or promotion at the end shows too).
 */
function trafficChart(report) {
    const steps = trafficSteps(report);
    const start = steps[0].at;
    const end = Math.max(report.finishedAt ? Date.parse(report.finishedAt) : steps.at(-1).at, start + 1);
    const width = (end - start) / CHART_BUCKETS;
    const labels = [];
    const values = [];
    for (let b = 0; b < CHART_BUCKETS; b++) {
        const from = start + b * width;
        const to = from + width;
        // Traffic in force at the bucket's start, and every change inside it.
        const atStart = steps.filter((s) => s.at <= from).at(-1)?.percent ?? steps[0].percent;
        const inside = steps.filter((s) => s.at > from && s.at < to).map((s) => s.percent);
        values.push(Math.max(atStart, ...inside));
        labels.push(axisLabel(b * width, width));
    }
    labels.push(axisLabel(end - start, width));
    values.push(steps.at(-1).percent);
    return [
        '```mermaid',
        'xychart-beta',
        '  title "Canary traffic (%) over time"',
        `  x-axis "time since the step started" [${labels.map((l) => `"${l}"`).join(', ')}]`,
        '  y-axis "canary traffic %" 0 --> 100',
        `  line [${values.join(', ')}]`,
        '```'
    ].join('\n');
}
function timelineTable(report, entries) {
    const rows = entries.map((e) => `| ${e.time.slice(11, 23)} | ${elapsed(report.startedAt, e.time)} | ${e.event} | ${(0,stage/* pct */.Oe)(e.percent)} | ${(0,untrusted/* mdText */.bC)(e.detail)} |`);
    return [
        '| Time (UTC) | Elapsed | Event | Canary traffic | Detail |',
        '| --- | --- | --- | --- | --- |',
        ...rows
    ].join('\n');
}
/**
 * Pure: the job summary as GitHub-flavoured markdown. Every value the action
 * did not write itself goes through mdText() or mdCode().
 */
function renderSummary(report) {
    const o = outputsOf(report);
    const out = [];
    out.push(`## apigw-canary · ${(0,untrusted/* mdCode */.xs)(report.command)} · stage ${(0,untrusted/* mdCode */.xs)(report.stage)} — ${HEADLINE[o.status]}`);
    if (report.dryRun)
        out.push('> [!NOTE]\n> Dry run: the calls below were printed, not made. Nothing was changed.');
    if (report.abortReason)
        out.push(`> [!CAUTION]\n> ${(0,untrusted/* mdText */.bC)(report.abortReason)}`);
    if (report.ungated)
        out.push("> [!WARNING]\n> Ungated release (`allow-ungated: true`): no alarm and no gating canary analysis watched this step's traffic changes.");
    if (report.analysis)
        out.push(`**Blast radius:** ${(0,blast_radius/* blastRadiusText */.q)(report.analysis.blastRadius.release)}.`);
    const checks = preflightSection(report);
    if (checks)
        out.push(checks);
    const before = report.before;
    const after = report.after;
    const traffic = after
        ? `${(0,stage/* pct */.Oe)((0,stage/* trafficOf */.t7)(after))}${before && (0,stage/* trafficOf */.t7)(before) !== (0,stage/* trafficOf */.t7)(after) ? ` (was ${(0,stage/* pct */.Oe)((0,stage/* trafficOf */.t7)(before))})` : ''}`
        : '—';
    out.push([
        '| Stage | |',
        '| --- | --- |',
        `| REST API | ${cellCode(report.restApiId)} |`,
        `| Stable deployment | ${cellCode(after?.stableDeploymentId)}${o['previous-stable-deployment-id'] ? ` (was ${cellCode(o['previous-stable-deployment-id'])})` : ''} |`,
        `| Canary deployment | ${cellCode(after?.canary?.deploymentId)} |`,
        `| Canary traffic | ${traffic} |`,
        `| Commit | ${report.canaryCommit ? cellCode(report.canaryCommit) : (0,catalog/* traitsOf */.JC)(report.command).decreasesUnread ? '— (a decrease does not read it; status does)' : '—'} |`,
        `| Next rung | ${o['next-percent'] ? (0,stage/* pct */.Oe)(Number(o['next-percent'])) : '—'} |`
    ].join('\n'));
    if (report.alarms === undefined) {
        out.push(report.alarmsConfigured
            ? '### Alarms\nNot read: the step ended before reading them.'
            : '### Alarms\nNo alarms configured: traffic changes were not gated.');
    }
    else {
        const icon = { OK: '✅', ALARM: '🚨', INSUFFICIENT_DATA: '❔' };
        out.push([
            `### Alarms — worst state ${report.alarmState}`,
            '| Alarm | Type | State | Since | Reason |',
            '| --- | --- | --- | --- | --- |',
            ...report.alarms.map((a) => `| ${cellCode(a.name)} | ${a.type === 'CompositeAlarm' ? 'composite' : 'metric'} | ${a.state in icon ? `${icon[a.state]} ${a.state}` : (0,untrusted/* mdText */.bC)(a.state)} | ${a.updated || '—'} | ${(0,untrusted/* mdText */.bC)(a.reason) || '—'} |`)
        ].join('\n'));
    }
    if (report.metrics) {
        const m = report.metrics;
        const mark = { worse: '⚠️ worse', ok: '✅', 'no data': '—' };
        out.push([
            `### Canary vs stable`,
            `CloudWatch \`AWS/ApiGateway\` for ${(0,untrusted/* mdCode */.xs)(m.apiName)}, ${m.start.slice(11, 19)}–${m.end.slice(11, 19)} UTC: Stage ${(0,untrusted/* mdCode */.xs)(m.canaryStage)} (canary, ${m.canaryStageSource}) beside ${(0,untrusted/* mdCode */.xs)(report.stage)} (stable). Informational: the alarms gate.`,
            '',
            '| Metric | Stable | Canary | |',
            '| --- | --- | --- | --- |',
            ...m.rows.map((r) => `| ${r.metric} | ${r.stable} | ${r.canary} | ${mark[r.verdict]} |`)
        ].join('\n'));
    }
    // The canary's top errors, above the analysis and the investigation links.
    out.push(...triageSection(report));
    out.push(...analysisSummary(report));
    if (report.changes.length > 0) {
        out.push([
            report.dryRun ? '### Calls that would be made' : '### What changed',
            ...report.changes.map((c) => `- \`${c.operation}\` ${(0,untrusted/* mdCode */.xs)(JSON.stringify(c.input))}`)
        ].join('\n'));
    }
    else {
        out.push(`### What changed\nNothing: no call changed the stage.`);
    }
    if (report.timeline.length > 0) {
        out.push(`### Timeline\n${timelineTable(report, report.timeline)}`);
        // A chart where traffic was watched over time; a lone change is a table row.
        if (report.timeline.some((e) => e.event === 'bake-start')) {
            out.push(`### Traffic over time\n${trafficChart(report)}`);
        }
    }
    return out.join('\n\n') + '\n';
}

;// CONCATENATED MODULE: ./src/github/step-report.ts





/** GitHub refuses a step summary over 1 MiB; stay well under it. */
const SUMMARY_LIMIT = 1_000_000;
async function writeSummary(report, log, overwrite = false) {
    try {
        let md = renderSummary(report);
        if (Buffer.byteLength(md) > SUMMARY_LIMIT) {
            md = `${Buffer.from(md)
                .subarray(0, SUMMARY_LIMIT - 200)
                .toString()}\n\n> [!NOTE]\n> Summary cut at GitHub's 1 MiB limit; the \`report\` output has everything.\n`;
        }
        // core.summary buffers: start empty, in case an earlier write failed and kept its buffer.
        await core/* summary */.z.emptyBuffer().addRaw(md).write({ overwrite });
    }
    catch (err) {
        // No GITHUB_STEP_SUMMARY outside a runner: the logs have it all.
        log.info(`(no job summary written: ${(0,errors/* errorMessage */.gJ)(err)})`);
    }
}
/**
 * The end of every step, whatever happened: the outputs, the job summary, and
 * the step's failure (`failure` undefined: it succeeded).
 */
async function finishStep(report, failure, log) {
    for (const [k, v] of Object.entries(outputsOf(report)))
        (0,core/* setOutput */.uH)(k, v);
    await writeSummary(report, log);
    if (failure !== undefined)
        failStep(report.abortReason ?? (0,errors/* errorMessage */.gJ)(failure));
    return report;
}
/**
 * After finishStep, when the report gained something (triage after a
 * cancel): the outputs again (the runner keeps an output's last value) and
 * the summary in place of the one written. The step's failure stands as said.
 */
async function rewriteStep(report, log) {
    for (const [k, v] of Object.entries(outputsOf(report)))
        (0,core/* setOutput */.uH)(k, v);
    await writeSummary(report, log, true);
}

// EXTERNAL MODULE: ./src/deployment-record/record.ts
var record = __webpack_require__(1918);
;// CONCATENATED MODULE: ./src/deployment-record/step.ts
/**
 * The step's record in GitHub's Deployments: after the command and after
 * recovery, so it never runs before, nor delays, a rollback. Find the
 * release's GitHub deployment (environment + commit + the canary's id in its
 * payload), else create it, then post the status of this step. GitHub is a
 * record, not the release: any failure is one warning, never a failed step.
 *
 * The adapter (Octokit and its plugins) is imported only when it is used.
 */






/**
 * Under a cancel the rollback has run and the runner kills the process a few
 * seconds later (SIGINT, then SIGTERM 7.5 s on, then SIGKILL): the record gets
 * this much in all, then gives up with its warning. Posting it is worth a try:
 * it is what tells the Deployments page that the release was rolled back.
 */
const CANCEL_BUDGET_MS = 3_000;
/**
 * Otherwise the record gets this long in all (finding or creating the
 * deployment, then its status): a GitHub that does not answer costs a step at
 * most this, and every request is aborted (its connection closed) at the end.
 */
const RECORD_BUDGET_MS = 20_000;
/** The step's outcome as its outputs say it. */
function outcomeOf(report, failed) {
    const after = report.after;
    return {
        command: report.command,
        status: report.outcome ?? (after ? (after.canary ? 'canary' : 'no-canary') : ''),
        percent: after ? (0,stage/* trafficOf */.t7)(after) : undefined,
        failed,
        abortReason: report.abortReason,
        dryRun: report.dryRun
    };
}
/**
 * The canary the release is: the one this step drove, else (not for deploy,
 * whose release is the canary it created) the one found before the step
 * (promote and rollback leave none), else the one after it.
 */
function releaseCanaryId(report) {
    if (report.drivenCanaryId)
        return report.drivenCanaryId;
    if ((0,catalog/* traitsOf */.JC)(report.command).githubDeployment === 'create')
        return undefined;
    return report.before?.canary?.deploymentId ?? report.after?.canary?.deploymentId;
}
/** The workflow run's page: `${server}/${repo}/actions/runs/${id}[/attempts/${n}]`. */
function runUrl(env) {
    const { GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: id, GITHUB_RUN_ATTEMPT: attempt } = env;
    if (!repo || !id)
        return undefined;
    const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
    return `${server}/${repo}/actions/runs/${id}${attempt ? `/attempts/${attempt}` : ''}`;
}
/**
 * Records the step in GitHub's Deployments when `github-deployment` is true,
 * a token is set, and the step is neither `status` nor a dry run. Returns
 * the GitHub deployment's id (for the report) once it is found or created.
 * Never throws.
 */
async function recordOnGitHub(ctx, failure, env) {
    const { cfg, report, log } = ctx;
    if (!cfg.githubDeployment || cfg.dryRun || (0,catalog/* traitsOf */.JC)(cfg.command).githubDeployment === 'none')
        return;
    let id;
    const warn = (why) => {
        log.warning((0,untrusted/* logText */.kc)(`GitHub deployment not recorded: ${why}`), 'GitHub Deployments');
        return id;
    };
    if (!cfg.githubToken) {
        log.info('github-deployment: no github-token, so the release is not recorded on GitHub.');
        return;
    }
    // A token is one word: a line break or control character would break the Authorization header.
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    if (/[\s\u0000-\u001f\u007f]/.test(cfg.githubToken.trim()))
        return warn('github-token holds a line break, space or control character, so it is no token (its value is masked and not shown).');
    if (cfg.githubToken.trim().length > secrets/* MAX_MASKED */.XO)
        return warn(`github-token is longer than ${secrets/* MAX_MASKED */.XO} characters, longer than any GitHub token, so it is no token (its value is not shown).`);
    const repository = env.GITHUB_REPOSITORY;
    if (!repository) {
        log.info('github-deployment: no GITHUB_REPOSITORY, so the release is not recorded on GitHub.');
        return;
    }
    const state = (0,record/* statusFor */.SR)(outcomeOf(report, failure !== undefined));
    const canaryDeploymentId = releaseCanaryId(report);
    if (!state || !canaryDeploymentId)
        return;
    try {
        const cancelled = ctx.signal.aborted;
        const { createDeploymentsClient } = await Promise.all(/* import() */[__webpack_require__.e(239), __webpack_require__.e(974)]).then(__webpack_require__.bind(__webpack_require__, 7974));
        const client = createDeploymentsClient({
            token: cfg.githubToken,
            repository,
            debug: (m) => log.debug(`GitHub: ${m}`),
            ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {}),
            ...(cancelled
                ? { budgetMs: CANCEL_BUDGET_MS, signal: AbortSignal.timeout(CANCEL_BUDGET_MS) }
                : { totalMs: RECORD_BUDGET_MS })
        });
        const release = {
            restApiId: cfg.restApiId,
            stage: cfg.stage,
            region: cfg.region,
            canaryDeploymentId
        };
        const found = await client.ensureDeployment({
            sha: (0,record/* releaseCommit */.Lk)(report.canaryCommit, env.GITHUB_SHA ?? ''),
            environment: (0,record/* environmentName */.VE)(cfg.environment, cfg.stage, cfg.region),
            productionEnvironment: true,
            description: (0,record/* deploymentDescription */.kj)(release),
            release
        });
        if (!found.ok)
            return warn(found.why);
        // An output a later step may use: GitHub's ids are integers, anything else is not GitHub's.
        if (!GITHUB_DEPLOYMENT_ID.test(String(found.value.id)))
            return warn('GitHub answered a deployment id that is not an integer: refused, and not shown.');
        id = String(found.value.id);
        const logUrl = runUrl(env);
        const posted = await client.postStatus({
            deploymentId: found.value.id,
            state: state.state,
            description: state.description,
            autoInactive: state.autoInactive,
            ...(logUrl ? { logUrl } : {}),
            ...(cfg.environmentUrl ? { environmentUrl: cfg.environmentUrl } : {})
        });
        if (!posted.ok)
            return warn(posted.why);
        log.info(`GitHub deployment ${found.value.id}: ${state.state} (${state.description})`);
        return id;
    }
    catch (err) {
        return warn(err instanceof Error ? err.message : String(err));
    }
}

// EXTERNAL MODULE: ./src/analysis/step-metrics-report.ts + 1 modules
var step_metrics_report = __webpack_require__(6042);
;// CONCATENATED MODULE: ./src/commands/index.ts
const LOADERS = {
    deploy: async () => (await Promise.all(/* import() */[__webpack_require__.e(484), __webpack_require__.e(130), __webpack_require__.e(948)]).then(__webpack_require__.bind(__webpack_require__, 4948))).deploy,
    shift: async () => (await Promise.all(/* import() */[__webpack_require__.e(484), __webpack_require__.e(130), __webpack_require__.e(6)]).then(__webpack_require__.bind(__webpack_require__, 2006))).shift,
    ramp: async () => (await Promise.all(/* import() */[__webpack_require__.e(484), __webpack_require__.e(130), __webpack_require__.e(40)]).then(__webpack_require__.bind(__webpack_require__, 40))).ramp,
    promote: async () => (await __webpack_require__.e(/* import() */ 50).then(__webpack_require__.bind(__webpack_require__, 3050))).promote,
    rollback: async () => (await __webpack_require__.e(/* import() */ 356).then(__webpack_require__.bind(__webpack_require__, 1356))).rollback,
    status: async () => (await __webpack_require__.e(/* import() */ 190).then(__webpack_require__.bind(__webpack_require__, 8190))).status,
    preflight: async () => (await __webpack_require__.e(/* import() */ 821).then(__webpack_require__.bind(__webpack_require__, 5821))).preflight
};
/** The command's function. */
const loadCommand = (command) => LOADERS[command]();

;// CONCATENATED MODULE: ./src/main.ts




















function defaultDeps() {
    return {
        env: process.env,
        clock: realClock,
        sleep: realSleep,
        log: runnerLogger,
        makeClients: aws_clients/* makeClients */.nv,
        signals: process
    };
}
/** An input as the runner passes it, untrimmed (each parser trims what it should). */
const readInput = (name) => (0,core/* getInput */.V4)(name, { trimWhitespace: false });
/**
 * The action: one step of a canary release. Parse the inputs, build the
 * context, run the command, recover from a failure, then write the outputs and
 * the summary. Returns the report it wrote them from.
 */
async function run(deps = defaultDeps()) {
    const now = () => new Date(deps.clock.now());
    // Before anything can echo them: an error quoting a request header, a bad input's report.
    (0,secrets/* maskGivenSecrets */.Nd)(readInput, deps.env);
    let cfg;
    let local;
    try {
        cfg = parseInputs(readInput, deps.env);
        // What the step reads from disk is checked like an input: before any AWS call.
        // (Loaded only then: the YAML parser costs start-up time no other step needs.)
        if ((0,catalog/* traitsOf */.JC)(cfg.command).importsDefinition && cfg.openapiFile !== undefined)
            local = (await __webpack_require__.e(/* import() */ 638).then(__webpack_require__.bind(__webpack_require__, 7638))).readDefinition(cfg, deps.env);
    }
    catch (err) {
        return finishStep(badInputsReport(readInput, err, now()), err, deps.log);
    }
    for (const name of ignoredInputs(cfg, readInput))
        deps.log.warning(`Input '${name}' is not used by ${cfg.command}; it was ignored.`);
    for (const w of local?.warnings ?? [])
        deps.log.warning(`${cfg.openapiFile}: ${w}`, 'OpenAPI definition warning');
    const report = (0,core_report/* newReport */.b)(cfg, now());
    const cancel = listenForCancel(deps.signals, deps.log);
    const deadlines = deps.deadlines ?? aws_clients/* DEADLINES */.YE;
    const clients = deps.makeClients(cfg, deps.log, deadlines);
    const ctx = buildContext(cfg, report, {
        clients,
        provenance: (0,description/* provenanceFromEnv */.f5)(deps.env),
        stepId: (0,external_node_crypto_.randomBytes)(4).toString('hex'),
        clock: deps.clock,
        sleep: deps.sleep,
        log: deps.log,
        signal: cancel.signal,
        writeGrace: cancel.writeGrace,
        terminate: cancel.terminate,
        clientOptions: (0,aws_clients/* clientOptions */.s1)(cfg, deadlines),
        deadlines,
        definition: local?.definition
    });
    let failure;
    try {
        failure = await runCommand(ctx);
        // After the command and its recovery: GitHub never delays a rollback.
        report.githubDeploymentId = await recordOnGitHub(ctx, failure, deps.env);
        report.finishedAt = now().toISOString();
        if (cfg.dryRun)
            asNothingChanged(report);
        await finishStep(report, failure, deps.log);
        // After a cancel's rollback, with the outputs and summary safe: triage in
        // what is left of the runner's grace, then both again (docs/triage.md#time-budget).
        if (cancel.signal.aborted && report.outcome === 'rolled-back' && cfg.triageEnabled) {
            const { triageAfterCancel } = await __webpack_require__.e(/* import() */ 126).then(__webpack_require__.bind(__webpack_require__, 6126));
            const triage = await triageAfterCancel(ctx);
            if (triage) {
                report.triage = triage;
                await rewriteStep(report, deps.log);
            }
        }
    }
    finally {
        cancel.stop();
        (0,aws_clients/* destroyClients */.Fj)(clients);
    }
    return report;
}
/**
 * Runs the command, and after a failure brings traffic back (recover); then
 * puts the canary's metrics beside the stable side's. Returns the failure,
 * undefined when the step succeeded. Whatever breaks once the runner said stop
 * (an aborted read, say) is the cancellation.
 */
async function runCommand(ctx) {
    const { signal, report, cfg } = ctx;
    const traits = (0,catalog/* traitsOf */.JC)(cfg.command);
    let failure;
    const fail = async (err) => {
        failure = signal.aborted ? signal.reason : err;
        const recovered = await recover(ctx, failure);
        (0,run_state/* recordRun */.v)(report, ctx.run);
        if (recovered)
            (0,core_report/* noteCanary */.d)(report, recovered.adopted);
        // The reason the step gave (an alarm's) stays first; a setup mistake's one-line explanation
        // follows it (the rollback then met it), or stands for the bare error.
        const given = report.abortReason;
        const explained = (0,explain_error/* explainFailure */.SP)(report, failure, cfg);
        report.abortReason =
            given && explained
                ? `${given}; then ${explained}`
                : (explained ?? given ?? (0,errors/* errorMessage */.gJ)(failure));
    };
    if (cfg.dryRun)
        ctx.log.info('dry-run: reading and gating only; calls that would change the stage are printed.');
    try {
        // deploy and ramp: preflight first, before any change (docs/preflight.md).
        const first = traits.preflightFirst ? cfg.preflight : 'off';
        if (first !== 'off') {
            const result = await (await __webpack_require__.e(/* import() */ 641).then(__webpack_require__.bind(__webpack_require__, 3641))).runPreflight(ctx, first);
            if (result)
                report.preflightChecks = result.checks;
            if (result?.stop)
                throw result.stop;
        }
        await (await loadCommand(cfg.command))(ctx);
        // Cancelled while a call was in flight: the command finished, but the job is going away.
        if (signal.aborted)
            throw signal.reason;
    }
    catch (err) {
        await fail(err);
    }
    // After the step (status compares during its reads). Not after a cancel:
    // the runner's grace is for the rollback and the outputs.
    if (!signal.aborted && traits.metrics === 'after') {
        const metrics = await (0,step_metrics_report/* compareStageMetrics */.Xk)(ctx);
        if (metrics)
            report.metrics = metrics;
        // Cancelled during the comparison: the step's change stands, and the job is going away.
        if (failure === undefined && signal.aborted)
            await fail(signal.reason);
    }
    if (!signal.aborted)
        report.investigation = noteInvestigation(ctx, failure !== undefined);
    // After the rollback and the links: the canary's top errors, within a small budget (docs/triage.md).
    if (!signal.aborted && report.outcome === 'rolled-back' && cfg.triageEnabled) {
        const triage = await (await __webpack_require__.e(/* import() */ 126).then(__webpack_require__.bind(__webpack_require__, 6126))).runTriage(ctx);
        if (triage)
            report.triage = triage;
    }
    return failure;
}
/** A dry run changed nothing: the outputs describe the stage as it is; the summary shows the calls it would have made. */
function asNothingChanged(report) {
    report.after = report.before;
    report.outcome = undefined;
    report.previousStableDeploymentId = undefined;
}


/***/ }),

/***/ 1969:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  pQ: () => (/* binding */ CHECK_ICON),
  td: () => (/* binding */ blockingChecks),
  xq: () => (/* binding */ preflightChecks)
});

// UNUSED EXPORTS: domainsToCheck

// EXTERNAL MODULE: ./src/preflight/types.ts
var types = __webpack_require__(2626);
;// CONCATENATED MODULE: ./src/preflight/dns-checks.ts
/** Preflight checks 1-3: the endpoint type, the custom domain, and its Route 53 alias. */

// ---- 1. regional API ----------------------------------------------------------
function checkRegionalApi(api) {
    const base = { id: 'regional-api', title: 'Regional API' };
    const type = api.endpointTypes[0] ?? 'EDGE';
    if (type === 'REGIONAL') {
        return { ...base, status: 'pass', found: 'The REST API has a REGIONAL endpoint.' };
    }
    if (type === 'PRIVATE') {
        return {
            ...base,
            status: 'warn',
            found: 'The REST API is PRIVATE: it is reached only through interface VPC endpoints. The canary works the same, but only the traffic of those VPCs reaches it, and public custom domains and Route 53 aliases do not apply.',
            todo: 'Make sure enough traffic flows through the VPC endpoints for the canary alarms to see it at the first rung.'
        };
    }
    return {
        ...base,
        status: 'warn',
        found: 'The REST API is EDGE-optimized: requests pass through a CloudFront distribution that API Gateway manages. The canary split happens at the stage as usual, but Latency includes the edge hop (noisier latency alarms) and a custom domain aliases the distribution (hosted zone Z2FDTNDATAQYW2), not a regional name.',
        todo: 'Prefer a REGIONAL endpoint (UpdateRestApi /endpointConfiguration/types) with a regional custom domain; put CloudFront in front yourself if you need it.'
    };
}
const mapsTo = (m, api, stage) => m.restApiId === api && (m.stage === undefined || m.stage === '' || m.stage === stage);
function domainProblems(d, api, stage) {
    const text = [];
    const statuses = [];
    if (d.domainNameStatus === 'UPDATING') {
        statuses.push('warn');
        text.push(`${d.domainName} is UPDATING`);
    }
    else if (d.domainNameStatus !== 'AVAILABLE') {
        statuses.push('fail');
        text.push(`${d.domainName} is ${d.domainNameStatus}${d.domainNameStatusMessage ? ` (${d.domainNameStatusMessage})` : ''}`);
    }
    if (d.endpointType !== 'REGIONAL') {
        statuses.push('warn');
        text.push(`${d.domainName} is ${d.endpointType}, not REGIONAL`);
    }
    const mine = d.mappings.filter((m) => mapsTo(m, api, stage));
    if (mine.length === 0) {
        statuses.push('fail');
        text.push(`${d.domainName} has no base path mapping to ${api}/${stage}`);
    }
    else if (mine.every((m) => !m.stage)) {
        statuses.push('warn');
        text.push(`${d.domainName} maps ${mine.map((m) => m.basePath).join(', ')} to ${api} without a stage: callers pick the stage in the path`);
    }
    return { status: (0,types/* worst */.QZ)(statuses), text };
}
function checkCustomDomain(i) {
    const base = { id: 'custom-domain', title: 'Custom domain mapped to this API and stage' };
    if ((0,types/* isDenied */.GZ)(i.domains))
        return (0,types/* skippedFor */._d)(base.id, base.title, i.domains, 'the custom domain names');
    const execute = `https://${i.restApiId}.execute-api.${i.region}.amazonaws.com/${i.stage}`;
    if (i.domainName !== undefined) {
        const d = i.domains.find((x) => x.domainName.toLowerCase() === i.domainName?.toLowerCase());
        if (!d) {
            return {
                ...base,
                status: 'fail',
                found: `The custom domain ${i.domainName} does not exist in this account and region.`,
                todo: 'Check the domain name and the region, or leave the domain out to check the execute-api URL.'
            };
        }
        const p = domainProblems(d, i.restApiId, i.stage);
        return p.status === 'pass'
            ? {
                ...base,
                status: 'pass',
                found: `${d.domainName} is AVAILABLE, REGIONAL and maps to ${i.restApiId}/${i.stage}.`
            }
            : {
                ...base,
                status: p.status,
                found: `${p.text.join('; ')}.`,
                todo: 'Wait for the domain to be AVAILABLE (re-import or validate its certificate if it says so) and map a base path to this API and stage (CreateBasePathMapping).'
            };
    }
    const mapped = i.domains.filter((d) => d.mappings.some((m) => mapsTo(m, i.restApiId, i.stage)));
    if (mapped.length === 0) {
        return {
            ...base,
            status: 'warn',
            found: `No custom domain maps to ${i.restApiId}/${i.stage}: customers call the execute-api URL ${execute}. The canary works there too.`,
            todo: 'If customers use a custom domain, name it so preflight checks its mapping and DNS.'
        };
    }
    const problems = mapped.map((d) => domainProblems(d, i.restApiId, i.stage));
    const status = (0,types/* worst */.QZ)(problems.map((p) => p.status));
    const names = mapped.map((d) => d.domainName).join(', ');
    return status === 'pass'
        ? { ...base, status, found: `Mapped on ${names}.` }
        : {
            ...base,
            status,
            found: `Mapped on ${names}; ${problems.flatMap((p) => p.text).join('; ')}.`,
            todo: 'Fix the domain named above: it must be AVAILABLE and REGIONAL.'
        };
}
/** CloudFront's hosted zone: the alias target of every edge-optimized custom domain. */
const CLOUDFRONT_ZONE = 'Z2FDTNDATAQYW2';
const dnsEq = (a, b) => a !== undefined &&
    b !== undefined &&
    a.toLowerCase().replace(/\.$/, '') === b.toLowerCase().replace(/\.$/, '');
function checkRoute53Alias(i) {
    const base = { id: 'route53-alias', title: 'Route 53 alias to the custom domain' };
    const d = i.domain;
    if ((0,types/* isDenied */.GZ)(i.records))
        return (0,types/* skippedFor */._d)(base.id, base.title, i.records, `the DNS records of ${d.domainName}`);
    if (i.records === undefined) {
        return {
            ...base,
            status: 'skipped',
            found: `No Route 53 hosted zone in this account holds ${d.domainName}: its DNS is elsewhere.`,
            todo: `Make sure ${d.domainName} points at ${d.regionalDomainName ?? d.distributionDomainName ?? 'the domain’s target'}.`
        };
    }
    const edge = d.endpointType === 'EDGE';
    const target = edge ? d.distributionDomainName : d.regionalDomainName;
    const zone = edge ? CLOUDFRONT_ZONE : d.regionalHostedZoneId;
    const mine = i.records.filter((r) => dnsEq(r.name, d.domainName));
    const address = mine.filter((r) => r.type === 'A' || r.type === 'AAAA');
    const targets = new Set(address
        .filter((r) => r.setIdentifier !== undefined)
        .map((r) => (r.aliasTarget?.dnsName ?? r.values?.join(',') ?? '').toLowerCase()));
    if (targets.size >= 2) {
        return {
            ...base,
            status: 'fail',
            found: `${d.domainName} has weighted records across ${targets.size} targets. Weighted DNS shifts traffic by resolver, at the pace of TTLs and caches, between targets, not between this stage's deployments: it fights the stage canary and cannot roll back at once.`,
            todo: `Keep one alias A record (and AAAA if you serve IPv6) to ${target ?? 'the domain'} and let the stage canary shift traffic.`
        };
    }
    const aliasOk = (r) => dnsEq(r.aliasTarget?.dnsName, target) &&
        (r.aliasTarget?.hostedZoneId ?? '').toUpperCase() === (zone ?? '').toUpperCase();
    const a = address.filter((r) => r.type === 'A');
    const aaaa = address.filter((r) => r.type === 'AAAA');
    if (a.length > 0 && a.every(aliasOk)) {
        const badAaaa = aaaa.filter((r) => !aliasOk(r));
        return badAaaa.length === 0
            ? {
                ...base,
                status: 'pass',
                found: `${d.domainName} has an alias A${aaaa.length > 0 ? ' and AAAA' : ''} record to ${target} (zone ${zone}).`
            }
            : {
                ...base,
                status: 'warn',
                found: `The A alias is right, but the AAAA record of ${d.domainName} points elsewhere: IPv6 clients bypass this domain.`,
                todo: `Point the AAAA record at ${target} (alias, zone ${zone}) or remove it.`
            };
    }
    const cname = mine.find((r) => r.type === 'CNAME');
    if (cname && cname.values?.some((v) => dnsEq(v, target))) {
        return {
            ...base,
            status: 'warn',
            found: `${d.domainName} is a CNAME to ${target}: it works, but it is not an alias (no zone apex, an extra lookup, a TTL to wait out if it changes).`,
            todo: `Replace it with an alias A record to ${target} in zone ${zone}.`
        };
    }
    if (address.length > 0 || cname) {
        const where = a[0]?.aliasTarget?.dnsName ?? a[0]?.values?.join(', ') ?? cname?.values?.join(', ') ?? '?';
        return {
            ...base,
            status: 'fail',
            found: `${d.domainName} points at ${where}, not at ${target}: its requests do not reach this custom domain, so the canary does not see them.`,
            todo: `Make ${d.domainName} an alias A record to ${target} in zone ${zone}.`
        };
    }
    return {
        ...base,
        status: 'warn',
        found: `The hosted zone has no A, AAAA or CNAME record for ${d.domainName}.`,
        todo: `Create an alias A record to ${target} in zone ${zone}.`
    };
}

// EXTERNAL MODULE: ./src/core/duration.ts
var duration = __webpack_require__(8571);
;// CONCATENATED MODULE: ./src/preflight/alarm-rule.ts
const TOKEN_RE = /\s*(\(|\)|"[^"]*"|[^\s()"]+)/y;
function tokens(rule) {
    const out = [];
    let at = 0;
    for (;;) {
        TOKEN_RE.lastIndex = at;
        const m = TOKEN_RE.exec(rule);
        if (!m)
            break;
        out.push(m[1] ?? '');
        at = TOKEN_RE.lastIndex;
    }
    if (rule.slice(at).trim() !== '')
        throw new Error('unterminated name in alarm rule');
    return out;
}
const alarmName = (ref) => {
    const bare = ref.startsWith('"') ? ref.slice(1, -1) : ref;
    return /^arn:[^:]+:cloudwatch:[^:]*:[^:]*:alarm:(.+)$/.exec(bare)?.[1] ?? bare;
};
/** The tree of `rule`; throws an Error on a rule it cannot read. */
function parseAlarmRule(rule) {
    const toks = tokens(rule);
    let pos = 0;
    const next = () => {
        const t = toks[pos++];
        if (t === undefined)
            throw new Error('alarm rule ends too early');
        return t;
    };
    const expect = (t) => {
        if (next() !== t)
            throw new Error(`alarm rule: expected ${t}`);
    };
    const primary = () => {
        const t = next();
        const upper = t.toUpperCase();
        if (upper === 'NOT')
            return { kind: 'not', term: primary() };
        if (upper === 'TRUE' || upper === 'FALSE')
            return { kind: 'const', value: upper === 'TRUE' };
        if (t === '(') {
            const inner = or();
            expect(')');
            return inner;
        }
        if (upper === 'ALARM' || upper === 'OK' || upper === 'INSUFFICIENT_DATA') {
            expect('(');
            const alarm = alarmName(next());
            expect(')');
            return { kind: 'state', state: upper, alarm };
        }
        throw new Error(`alarm rule: unexpected ${t}`);
    };
    const chain = (kind, sub) => {
        const terms = [sub()];
        while (toks[pos]?.toUpperCase() === kind.toUpperCase()) {
            pos++;
            terms.push(sub());
        }
        return terms.length === 1 ? terms[0] : { kind, terms };
    };
    const and = () => chain('and', primary);
    const or = () => chain('or', and);
    const tree = or();
    if (pos !== toks.length)
        throw new Error('alarm rule: unexpected text after the rule');
    return tree;
}
/** The alarms a rule names, in order, once each. */
function ruleAlarms(node) {
    const out = new Set();
    const walk = (n) => {
        if (n.kind === 'state')
            out.add(n.alarm);
        else if (n.kind === 'not')
            walk(n.term);
        else if (n.kind === 'and' || n.kind === 'or')
            n.terms.forEach(walk);
    };
    walk(node);
    return [...out];
}

;// CONCATENATED MODULE: ./src/preflight/alarm-metric.ts
/** A whole-stage alarm that needs more than this many times the canary-scoped failure is too blunt. */
const BLUNT_FACTOR = 3;
const DEFAULT_MAX_LATENCY_MS = 29_000;
const ERROR_METRICS = ['5XXError', '4XXError'];
const LATENCY_METRICS = ['Latency', 'IntegrationLatency'];
const num = (x) => String(Number(x.toPrecision(3)));
const pctOf = (fraction) => `${num(fraction * 100)} %`;
const dim = (a, name) => a.dimensions.find((d) => d.name === name)?.value;
function scopeOf(a, ctx) {
    if (a.metricMath)
        return 'metric-math';
    if (a.namespace !== 'AWS/ApiGateway')
        return 'not-api-gateway';
    const api = dim(a, 'ApiName');
    if (api !== undefined && api !== ctx.apiName)
        return 'other-api';
    const stage = dim(a, 'Stage');
    if (stage === undefined)
        return 'api';
    if (stage === ctx.canaryStage)
        return 'canary';
    if (stage === ctx.stage)
        return 'stage';
    return 'other-stage';
}
const SCOPE_WORDS = {
    canary: 'the canary alone',
    stage: 'the whole stage',
    api: 'every stage of the API',
    'other-stage': 'another stage',
    'other-api': 'another API',
    'not-api-gateway': 'a metric outside AWS/ApiGateway',
    'metric-math': 'a metric math expression',
    composite: 'its members'
};
function describeMetric(a) {
    const stat = a.extendedStatistic ?? a.statistic ?? '?';
    const op = a.comparisonOperator?.includes('LessThan')
        ? '<'
        : a.comparisonOperator?.includes('OrEqual')
            ? '≥'
            : '>';
    return `${a.metricName ?? 'metric math'} ${stat} ${op} ${a.threshold ?? '?'}`;
}
/** The part of the traffic the alarm's metric is made of that is canary traffic, at `percent`. */
const shareAt = (scope, percent) => (scope === 'canary' ? 1 : percent / 100);
/** What the canary must do at each rung, for the alarm's statistic; undefined when not understood. */
function rungFunction(a, scope, ctx) {
    const t = a.threshold;
    if (t === undefined)
        return undefined;
    const orEqual = a.comparisonOperator?.includes('OrEqual') === true;
    const metric = a.metricName ?? '';
    const stat = a.statistic;
    const pct = a.extendedStatistic;
    const within = (needed, limit) => orEqual ? needed <= limit : needed < limit;
    const maxLatency = ctx.maxLatencyMs ?? DEFAULT_MAX_LATENCY_MS;
    if (ERROR_METRICS.includes(metric) && stat === 'Average') {
        return {
            fn: (percent) => {
                const share = shareAt(scope, percent);
                const needed = t / share;
                const canTrip = within(needed, 1);
                return {
                    percent,
                    canTrip,
                    factor: canTrip ? 1 / share : Infinity,
                    needed: canTrip
                        ? `more than ${pctOf(needed)} of canary requests failing`
                        : `more than ${pctOf(needed)} of canary requests failing: impossible`
                };
            }
        };
    }
    if (ERROR_METRICS.includes(metric) && stat === 'Sum') {
        const rpm = ctx.requestsPerMinute;
        const periodMin = (a.periodSeconds ?? 60) / 60;
        return {
            note: rpm === undefined
                ? 'Sum counts errors, so the rate it needs depends on traffic (not known here)'
                : `Sum counts errors: at ${num(rpm)} requests a minute`,
            fn: (percent) => {
                const canaryRequests = rpm === undefined ? undefined : (rpm * periodMin * percent) / 100;
                if (canaryRequests === undefined) {
                    return {
                        percent,
                        canTrip: true,
                        factor: 1,
                        needed: `${orEqual ? num(t) : `more than ${num(t)}`} failing canary requests in ${num(periodMin)} min`
                    };
                }
                const rate = t / canaryRequests;
                const canTrip = within(rate, 1);
                return {
                    percent,
                    canTrip,
                    factor: canTrip ? 1 : Infinity,
                    needed: `${num(t)} of about ${num(canaryRequests)} canary requests a period failing (${pctOf(rate)})${canTrip ? '' : ': impossible'}`
                };
            }
        };
    }
    if (LATENCY_METRICS.includes(metric) && stat === 'Average') {
        const stable = ctx.stableLatencyMs ?? 0;
        return {
            note: ctx.stableLatencyMs === undefined
                ? 'stable latency not known, taken as 0 ms (the most favourable case)'
                : `stable latency ${num(stable)} ms`,
            fn: (percent) => {
                const share = shareAt(scope, percent);
                const needed = (t - (1 - share) * stable) / share;
                const canTrip = within(needed, maxLatency);
                return {
                    percent,
                    canTrip,
                    factor: canTrip ? needed / t : Infinity,
                    needed: `canary average above ${num(needed)} ms${canTrip ? '' : `: beyond the ${num(maxLatency)} ms a request can take`}`
                };
            }
        };
    }
    const q = pct === undefined ? undefined : /^p(\d+(\.\d+)?)$/i.exec(pct);
    if (LATENCY_METRICS.includes(metric) && q) {
        const tail = 1 - Number(q[1]) / 100;
        return {
            note: 'stable requests taken as faster than the threshold (the most favourable case)',
            fn: (percent) => {
                const share = shareAt(scope, percent);
                const needed = tail / share;
                const canTrip = within(needed, 1) && t < maxLatency;
                return {
                    percent,
                    canTrip,
                    factor: canTrip ? 1 / share : Infinity,
                    needed: `more than ${pctOf(needed)} of canary requests slower than ${num(t)} ms${canTrip ? '' : ': impossible'}`
                };
            }
        };
    }
    if ((ERROR_METRICS.includes(metric) || LATENCY_METRICS.includes(metric)) && stat === 'Maximum') {
        const limit = ERROR_METRICS.includes(metric) ? 1 : maxLatency;
        return {
            fn: (percent) => ({
                percent,
                canTrip: within(t, limit),
                factor: within(t, limit) ? 1 : Infinity,
                needed: ERROR_METRICS.includes(metric)
                    ? 'one failing canary request in a period'
                    : `one canary request slower than ${num(t)} ms`
            })
        };
    }
    return undefined;
}
const SIGNAL_OF = (metric) => ERROR_METRICS.includes(metric ?? '')
    ? 'errors'
    : LATENCY_METRICS.includes(metric ?? '')
        ? 'latency'
        : 'other';
/** The status from the rungs: fail when it cannot trip at the first rung, warn when too blunt there. */
function statusOf(rungs) {
    const first = rungs[0];
    if (!first)
        return 'warn';
    if (!first.canTrip)
        return 'fail';
    return first.factor > BLUNT_FACTOR ? 'warn' : 'pass';
}
function rungLine(rungs) {
    return rungs
        .map((r) => `at ${num(r.percent)} %: ${r.needed}${r.canTrip && r.factor > 1 ? ` (${num(r.factor)}× what a canary alarm needs)` : ''}`)
        .join('; ');
}
function metricAlarmSensitivity(a, ctx) {
    const scope = scopeOf(a, ctx);
    const signal = a.comparisonOperator?.includes('LessThan') ? 'other' : SIGNAL_OF(a.metricName);
    const periods = a.datapointsToAlarm ?? a.evaluationPeriods;
    const minTripSeconds = a.periodSeconds !== undefined && periods !== undefined ? a.periodSeconds * periods : undefined;
    const watches = scope === 'canary' || scope === 'stage' || scope === 'api' ? [a.metricName ?? ''] : [];
    const base = { name: a.name, scope, signal, watches, minTripSeconds };
    const what = `${describeMetric(a)} on ${SCOPE_WORDS[scope]}`;
    if (scope === 'other-stage' || scope === 'other-api' || scope === 'not-api-gateway') {
        return {
            ...base,
            rungs: [],
            status: 'warn',
            summary: `${what}: it does not see this stage's canary (fine as an extra signal, not as the canary's gate)`
        };
    }
    if (scope === 'metric-math') {
        return {
            ...base,
            rungs: [],
            status: 'warn',
            summary: `${what}: preflight cannot tell what part of it is canary traffic`
        };
    }
    if (signal === 'other') {
        return {
            ...base,
            rungs: [],
            status: 'warn',
            summary: `${what}: fires on ${a.comparisonOperator?.includes('LessThan') ? 'low values' : 'neither errors nor latency'}, not on a failing canary`
        };
    }
    const judged = rungFunction(a, scope, ctx);
    if (!judged) {
        return {
            ...base,
            rungs: [],
            status: 'warn',
            summary: `${what}: preflight does not know how this statistic sees the canary`
        };
    }
    const rungs = ctx.rungs.map(judged.fn);
    let status = statusOf(rungs);
    let extra = judged.note ? ` (${judged.note})` : '';
    if (a.statistic === 'Sum' && status === 'pass' && scope !== 'canary') {
        status = 'warn';
        extra += '; it counts the stable deployment’s errors too, so it can roll back a healthy canary';
    }
    if (a.statistic === 'Sum' && ctx.requestsPerMinute === undefined && status === 'pass') {
        status = 'warn';
    }
    return { ...base, rungs, status, summary: `${what}: ${rungLine(rungs)}${extra}` };
}

;// CONCATENATED MODULE: ./src/preflight/alarm-sensitivity.ts
/**
 * Can a gating alarm see the canary? For each alarm, at each rung of the
 * ramp, the smallest canary failure that would put it in ALARM, worked out
 * from its metric, statistic, threshold and dimensions (docs/preflight.md,
 * "Alarms that can see the canary", has the reasoning):
 *
 * - An alarm on the canary's own `Stage` dimension (`prod/Canary`) sees the
 *   canary alone: it trips when the canary crosses the threshold.
 * - An alarm on the whole stage sees the canary diluted by its share `p` of
 *   the traffic, at best (the stable deployment assumed healthy, and the
 *   stage's metrics assumed to include canary requests): a rate `c` of
 *   failing canary requests shows as `p × c`, so an `Average > t` alarm
 *   needs `c > t / p`, which cannot happen when `t / p ≥ 1`.
 * - A percentile `pQ > T` needs more than `(1 − Q) / p` of the canary's
 *   requests slower than `T` (the stable requests assumed faster than `T`).
 * - `Sum` counts: the canary must fail `t` requests in one period, which
 *   depends on traffic; with the stage's request rate known it is a rate.
 * - Composite rules: `OR` trips with its most sensitive member, `AND` only
 *   when every member can trip (so with its least sensitive); `OK()`,
 *   `INSUFFICIENT_DATA()` and `NOT` terms carry no canary signal.
 */



function compositeAlarmSensitivity(a, alarms, ctx, seen = new Set()) {
    let tree;
    try {
        tree = parseAlarmRule(a.rule);
    }
    catch (e) {
        return {
            name: a.name,
            scope: 'composite',
            signal: 'other',
            watches: [],
            rungs: [],
            status: 'warn',
            summary: `composite rule not understood (${e.message})`
        };
    }
    const path = new Set([...seen, a.name]);
    const members = new Map();
    for (const name of ruleAlarms(tree)) {
        const m = alarms.get(name);
        members.set(name, !m || path.has(name)
            ? undefined
            : m.type === 'metric'
                ? metricAlarmSensitivity(m, ctx)
                : compositeAlarmSensitivity(m, alarms, ctx, path));
    }
    const at = (n, i) => {
        if (n.kind === 'const')
            return n.value ? { neutral: true } : { neutral: false, canTrip: false, factor: Infinity };
        if (n.kind === 'not' || (n.kind === 'state' && n.state !== 'ALARM'))
            return { neutral: true };
        if (n.kind === 'state') {
            const r = members.get(n.alarm)?.rungs[i];
            return r ? { neutral: false, canTrip: r.canTrip, factor: r.factor } : { neutral: true };
        }
        const terms = n.terms
            .map((t) => at(t, i))
            .filter((s) => !s.neutral);
        if (terms.length === 0)
            return { neutral: true };
        if (n.kind === 'or') {
            const trip = terms.filter((s) => s.canTrip);
            return trip.length === 0
                ? { neutral: false, canTrip: false, factor: Infinity }
                : { neutral: false, canTrip: true, factor: Math.min(...trip.map((s) => s.factor)) };
        }
        const canTrip = terms.every((s) => s.canTrip);
        return {
            neutral: false,
            canTrip,
            factor: canTrip ? Math.max(...terms.map((s) => s.factor)) : Infinity
        };
    };
    const rungs = [];
    let neutral = false;
    ctx.rungs.forEach((percent, i) => {
        const s = at(tree, i);
        if (s.neutral)
            neutral = true;
        else
            rungs.push({
                percent,
                canTrip: s.canTrip,
                factor: s.factor,
                needed: s.canTrip
                    ? `a member trips (${num(s.factor)}× what a canary alarm needs)`
                    : 'no member can trip: impossible'
            });
    });
    const memberLines = [...members.entries()].map(([name, m]) => m
        ? `${name}: ${m.summary}`
        : `${name}: ${path.has(name) ? 'a cycle in the rules' : 'not found'}`);
    const watches = [...new Set([...members.values()].flatMap((m) => m?.watches ?? []))];
    const minTrips = [...members.values()].flatMap((m) => m?.minTripSeconds === undefined ? [] : [m.minTripSeconds]);
    const signals = [...members.values()].map((m) => m?.signal);
    const base = {
        name: a.name,
        scope: 'composite',
        signal: (signals.includes('errors')
            ? 'errors'
            : signals.includes('latency')
                ? 'latency'
                : 'other'),
        watches,
        minTripSeconds: minTrips.length > 0 ? Math.min(...minTrips) : undefined
    };
    if (neutral || rungs.length === 0) {
        return {
            ...base,
            rungs: [],
            status: 'warn',
            summary: `composite ${a.rule}: no ALARM() term on a canary signal. Members: ${memberLines.join(' | ')}`
        };
    }
    return {
        ...base,
        rungs,
        status: statusOf(rungs),
        summary: `composite ${a.rule}: ${rungs.map((r) => `at ${num(r.percent)} %: ${r.canTrip ? `trips, ${num(r.factor)}×` : 'cannot trip'}`).join('; ')}. Members: ${memberLines.join(' | ')}`
    };
}
/** The sensitivity of one alarm, metric or composite; `alarms` holds every alarm a rule may name. */
function alarmSensitivity(a, alarms, ctx) {
    return a.type === 'metric'
        ? metricAlarmSensitivity(a, ctx)
        : compositeAlarmSensitivity(a, alarms, ctx);
}

// EXTERNAL MODULE: ./src/core/not-found.ts
var not_found = __webpack_require__(9687);
;// CONCATENATED MODULE: ./src/preflight/stage-checks.ts
/** Preflight checks 4-6: logging and metrics, the gating alarms, and the stage itself. */




function checkLoggingAndMetrics(i) {
    const base = { id: 'logging-metrics', title: 'Logging and metrics' };
    const all = i.settings.methodSettings['*/*'] ?? {};
    const level = all.loggingLevel ?? 'OFF';
    const logging = level === 'INFO' || level === 'ERROR';
    const canaryGroup = `API-Gateway-Execution-Logs_${i.restApiId}/${i.stage}/Canary`;
    const lines = [];
    const todo = [];
    let status = 'pass';
    if (logging)
        lines.push(`Execution logging ${level}: canary requests log to ${canaryGroup}.`);
    else {
        status = 'warn';
        lines.push(`Execution logging is OFF: the canary's own log group ${canaryGroup} gets nothing to look into when it fails.`);
        todo.push('Set */* logging to ERROR or INFO (UpdateStage /*/*/logging/loglevel).');
    }
    if ((0,types/* isDenied */.GZ)(i.account)) {
        lines.push(`The account's CloudWatch Logs role could not be read (${i.account.denied} denied).`);
    }
    else if (!i.account.cloudwatchRoleArn &&
        (logging || i.settings.accessLogSettings?.destinationArn?.includes(':logs:'))) {
        status = 'warn';
        lines.push('The account has no CloudWatch Logs role: API Gateway cannot write the execution or access logs it is set to write.');
        todo.push('Set the account role (UpdateAccount /cloudwatchRoleArn) to a role API Gateway may assume with AmazonAPIGatewayPushToCloudWatchLogs.');
    }
    lines.push(all.metricsEnabled
        ? 'Detailed metrics on: per-method metrics for the canary too.'
        : 'Detailed metrics off: only needed for per-method alarms; the canary’s own Stage metrics need nothing extra.');
    const access = i.settings.accessLogSettings;
    lines.push(access?.destinationArn
        ? `Access logs to ${access.destinationArn}; canary requests go to the same destination with /Canary appended to a log group name, and $context.isCanaryRequest tells them apart.`
        : 'Access logs off: optional, for per-request detail ($context.isCanaryRequest marks canary requests).');
    lines.push(i.settings.tracingEnabled
        ? 'X-Ray tracing on.'
        : 'X-Ray tracing off: optional, to trace slow canary requests.');
    return {
        ...base,
        status,
        found: lines.join(' '),
        ...(todo.length > 0 ? { todo: todo.join(' ') } : {})
    };
}
function checkAlarms(i) {
    const base = { id: 'alarms', title: 'Alarms that can see the canary' };
    if ((0,types/* isDenied */.GZ)(i.alarms))
        return { ...(0,types/* skippedFor */._d)(base.id, base.title, i.alarms, 'the alarms'), alarms: [] };
    const byName = new Map(i.alarms.map((a) => [a.name, a]));
    const lines = [];
    const statuses = [];
    const todo = new Set();
    const missing = i.gatingAlarms.filter((n) => !byName.has(n));
    if (i.gatingAlarms.length === 0) {
        statuses.push('fail');
        lines.push('No gating alarm: nothing would stop a failing canary.');
        todo.add(`Create an alarm on 5XXError (Average) with Stage=${i.canaryStage} and pass it in alarm-names.`);
    }
    for (const n of missing) {
        statuses.push('fail');
        lines.push(`${n}: not found.`);
        todo.add('Check the alarm names and the region.');
    }
    const judged = i.gatingAlarms.flatMap((n) => {
        const a = byName.get(n);
        return a ? [alarmSensitivity(a, byName, i)] : [];
    });
    for (const s of judged) {
        statuses.push(s.status);
        lines.push(`${s.name} (${s.status}): ${s.summary}`);
        if (s.status === 'fail' || (s.status === 'warn' && s.rungs.length > 0)) {
            todo.add(`Alarm on the canary's own metrics: dimensions ApiName=${i.apiName}, Stage=${i.canaryStage}.`);
        }
        if (s.minTripSeconds !== undefined && s.minTripSeconds * 1000 > i.bakeTimeMs) {
            statuses.push('warn');
            lines.push(`${s.name}: needs ${(0,duration/* formatDuration */.a)(s.minTripSeconds * 1000)} of breaching data to go to ALARM, longer than a ${(0,duration/* formatDuration */.a)(i.bakeTimeMs)} bake.`);
            todo.add('Make each bake at least as long as period × datapoints to alarm, or shorten the alarm period.');
        }
    }
    const watched = new Set(judged.flatMap((s) => s.watches));
    if (judged.length > 0 &&
        !watched.has('5XXError') &&
        !watched.has('Latency') &&
        !watched.has('IntegrationLatency')) {
        statuses.push('warn');
        lines.push('No gating alarm watches 5XXError or Latency on this API.');
        todo.add(`Gate on 5XXError and Latency with Stage=${i.canaryStage}.`);
    }
    const status = (0,types/* worst */.QZ)(statuses);
    return {
        ...base,
        status,
        found: lines.join('\n'),
        ...(todo.size > 0 && status !== 'pass' ? { todo: [...todo].join(' ') } : {}),
        alarms: judged
    };
}
function checkStageReady(i) {
    const base = { id: 'stage-ready', title: 'Stage ready' };
    if (!i.current) {
        return {
            ...base,
            status: 'fail',
            found: `Stage ${i.stage} does not exist: a canary needs an existing stage.`,
            todo: i.where ? (0,not_found/* missingStageTodo */.hd)(i.where, i.stages ?? []) : 'Check the stage input.'
        };
    }
    const c = i.current.canary;
    const live = c && c.deploymentId !== i.current.deploymentId && c.percent > 0;
    const notes = [];
    let status = 'pass';
    let todo;
    if (live && (i.commit === undefined || c.commit !== i.commit)) {
        status = 'fail';
        notes.push(`A canary of ${c.commit ? `commit ${c.commit}` : `deployment ${c.deploymentId}`} carries ${c.percent} % of ${i.stage}'s traffic.`);
        todo = 'Promote or roll back that canary first; a new deploy would replace it.';
    }
    else if (live) {
        notes.push(`A canary of this commit is on at ${c.percent} %: deploy continues from there.`);
    }
    else {
        notes.push(`Stage ${i.stage} serves ${i.current.deploymentId} with no canary carrying traffic.`);
    }
    if (i.rampTooLong) {
        status = status === 'fail' ? 'fail' : 'warn';
        notes.push(i.rampTooLong);
    }
    else
        notes.push('The ramp’s bakes fit a 6-hour job.');
    return { ...base, status, found: notes.join(' '), ...(todo ? { todo } : {}) };
}

;// CONCATENATED MODULE: ./src/preflight/iac-checks.ts
const DOC = 'docs/infrastructure-as-code.md';
const TERRAFORM_KEY = /^(managed[-_ ]?by|provisioner|provisioned[-_ ]?by|iac|tool)$/i;
/** The tool whose tags the stage carries, if any. */
function iacOwner(tags, stage) {
    const stack = tags['aws:cloudformation:stack-name'];
    if (stack !== undefined) {
        const logicalId = tags['aws:cloudformation:logical-id'] ?? '';
        const evidence = `tag aws:cloudformation:stack-name=${stack}${logicalId ? `, logical id ${logicalId}` : ''}`;
        // CDK's RestApi names its stage DeploymentStage.<stage>; SAM names it <api><Stage>Stage.
        if (/DeploymentStage/.test(logicalId))
            return { tool: 'cdk', evidence };
        const samStage = `${stage.charAt(0).toUpperCase()}${stage.slice(1)}Stage`;
        if (/^ServerlessRestApi/.test(logicalId) || logicalId.endsWith(samStage)) {
            return { tool: 'sam', evidence };
        }
        return { tool: 'cloudformation', evidence };
    }
    for (const [key, value] of Object.entries(tags)) {
        if ((TERRAFORM_KEY.test(key) && /terraform|opentofu/i.test(value)) ||
            /^terraform[:_-]/i.test(key)) {
            return { tool: 'terraform', evidence: `tag ${key}=${value}` };
        }
    }
    return undefined;
}
const NAME = {
    cloudformation: 'CloudFormation',
    cdk: 'AWS CDK',
    sam: 'AWS SAM',
    terraform: 'Terraform'
};
/** What the owner's next run does to the stage, and what to do about it. */
function consequences(tool) {
    if (tool === 'terraform') {
        return {
            next: "Unless the stage's aws_api_gateway_stage ignores them, the next `terraform apply` points the stage back at the deployment in its configuration (undoing a promotion) and removes the canary settings (dropping a canary mid-release).",
            todo: `Add \`lifecycle { ignore_changes = [deployment_id, canary_settings] }\` to the stage's aws_api_gateway_stage, and no \`triggers\` on its deployment (${DOC}#terraform).`
        };
    }
    const deployer = tool === 'cdk'
        ? "RestApi's default deploy: true"
        : tool === 'sam'
            ? 'an AWS::Serverless::Api'
            : 'an AWS::ApiGateway::Deployment';
    const refused = tool === 'cloudformation'
        ? ' (a Deployment with a StageName is refused while a canary is on the stage: Non canary deployment not supported)'
        : '';
    return {
        next: `If the stack deploys the API (${deployer}), its next update that changes the API deploys it straight to the stage, beside the canary and ungated${refused}; a drift-aware change set puts the stage's deployment and canary back to the template's.`,
        todo: tool === 'cdk'
            ? `Give the RestApi \`deploy: false\` and take the stage out of the stack (${DOC}#aws-cdk).`
            : tool === 'sam'
                ? `Declare the API as an AWS::ApiGateway::RestApi without Api events, and take the stage out of the stack (${DOC}#aws-sam).`
                : `Take the stage and its deployments out of the stack (DeletionPolicy: Retain, then remove them) (${DOC}#cloudformation).`
    };
}
function checkInfrastructureAsCode(tags, stage) {
    const owner = iacOwner(tags, stage);
    if (!owner)
        return undefined;
    const { next, todo } = consequences(owner.tool);
    return {
        id: 'infrastructure-as-code',
        title: 'Infrastructure as code',
        status: 'warn',
        found: `Stage ${stage} is managed by ${NAME[owner.tool]} (${owner.evidence}). ${next}`,
        todo
    };
}

// EXTERNAL MODULE: ./src/backend-check/decide.ts + 1 modules
var decide = __webpack_require__(2980);
;// CONCATENATED MODULE: ./src/preflight/checks.ts




/** The domains whose DNS preflight checks: the named one, else those mapped to this stage. */
function domainsToCheck(domains, restApiId, stage, named) {
    if (named !== undefined)
        return domains.filter((d) => d.domainName.toLowerCase() === named.toLowerCase());
    return domains.filter((d) => d.mappings.some((m) => m.restApiId === restApiId && (!m.stage || m.stage === stage)));
}
function preflightChecks(f, p) {
    const checks = [checkRegionalApi(f.api)];
    checks.push(checkCustomDomain({
        restApiId: p.restApiId,
        stage: p.stage,
        region: p.region,
        domains: f.domains,
        ...(p.domainName !== undefined ? { domainName: p.domainName } : {})
    }));
    const dns = Array.isArray(f.domains)
        ? domainsToCheck(f.domains, p.restApiId, p.stage, p.domainName)
        : [];
    if (dns.length === 0) {
        checks.push({
            id: 'route53-alias',
            title: 'Route 53 alias to the custom domain',
            status: 'skipped',
            found: 'No custom domain to check: customers call the execute-api URL.'
        });
    }
    for (const d of dns)
        checks.push(checkRoute53Alias({ domain: d, records: f.records[d.domainName] }));
    if (f.settings) {
        checks.push(checkLoggingAndMetrics({
            restApiId: p.restApiId,
            stage: p.stage,
            settings: f.settings,
            account: f.account
        }));
    }
    const { alarms: _perAlarm, ...alarms } = checkAlarms({
        apiName: f.api.name,
        stage: p.stage,
        canaryStage: f.canaryStage,
        rungs: p.rungs,
        gatingAlarms: f.gatingAlarms,
        alarms: f.alarms,
        bakeTimeMs: p.bakeTimeMs
    });
    checks.push(alarms);
    checks.push(checkStageReady({
        stage: p.stage,
        where: { restApiId: p.restApiId, stage: p.stage, region: p.region },
        ...(f.stageNames ? { stages: f.stageNames } : {}),
        ...(f.current ? { current: f.current } : {}),
        ...(p.commit !== undefined ? { commit: p.commit } : {}),
        ...(p.rampTooLong ? { rampTooLong: p.rampTooLong } : {})
    }));
    if (f.backends)
        checks.push(...(0,decide/* checkBackends */.ed)(f.backends, { region: p.region, restApiId: p.restApiId, stage: p.stage }));
    const iac = f.settings && checkInfrastructureAsCode(f.settings.tags ?? {}, p.stage);
    if (iac)
        checks.push(iac);
    return checks;
}
/**
 * The failures that stop the step. `fail`: every ❌. `warn`: only those that
 * make the release unsafe: a gating alarm missing or unable to fire, a stage
 * that does not exist, a named custom domain that does not reach the stage.
 * With no alarm configured, the release is ungated on purpose: the command's
 * own warning says so.
 */
function blockingChecks(checks, mode, f) {
    const failed = checks.filter((c) => c.status === 'fail');
    if (mode === 'fail')
        return failed;
    return failed.filter((c) => (c.id === 'alarms' && f.gatingAlarms.length > 0) ||
        (c.id === 'stage-ready' && f.current === undefined) ||
        c.id === 'custom-domain' ||
        // Every canary request would fail: a backend missing, or one API Gateway may not call.
        c.id === 'backend');
}
const CHECK_ICON = { pass: '✅', warn: '⚠️', fail: '❌', skipped: '⏭️' };


/***/ }),

/***/ 2626:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GZ: () => (/* binding */ isDenied),
/* harmony export */   QZ: () => (/* binding */ worst),
/* harmony export */   _d: () => (/* binding */ skippedFor)
/* harmony export */ });
const isDenied = (x) => typeof x === 'object' && x !== null && typeof x.denied === 'string';
const skippedFor = (id, title, d, what) => ({
    id,
    title,
    status: 'skipped',
    found: `Could not read ${what}: access denied.`,
    todo: `Allow ${d.denied} to the role the action runs as, to have this checked.`
});
const RANK = { skipped: 0, pass: 1, warn: 2, fail: 3 };
/** The worst of some statuses (pass when there are none). */
const worst = (statuses) => statuses.reduce((w, s) => (RANK[s] > RANK[w] ? s : w), 'pass');


/***/ }),

/***/ 4848:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gj: () => (/* binding */ gate),
/* harmony export */   aw: () => (/* binding */ readAlarmsForReport),
/* harmony export */   cw: () => (/* binding */ readGate),
/* harmony export */   zO: () => (/* binding */ noteAlarms)
/* harmony export */ });
/* harmony import */ var _core_gate_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4888);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _timeline_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8208);



/**
 * Annotations for alarms not OK, once per alarm state change: ALARM is an
 * error where it gates this step, a warning where the step only reports it.
 */
function annotate(ctx, alarms, gating) {
    for (const a of alarms) {
        const key = `annotation ${a.name}|${a.state}|${a.updated}`;
        if (a.state === 'OK' || ctx.said.has(key))
            continue;
        ctx.said.add(key);
        const text = `${a.name} is ${a.state}${a.reason ? `: ${a.reason}` : ''}`;
        if (a.state === 'ALARM' && gating)
            ctx.log.error(text, `Alarm ${a.name}`);
        else if (a.state === 'ALARM')
            ctx.log.warning(`${text} (this step is not gated on it)`, `Alarm ${a.name}`);
        else
            ctx.log.warning(`${text} (insufficient-data: ${ctx.cfg.insufficientData})`, `No data for ${a.name}`);
    }
}
/** Keeps a read of the alarms in the run state (for the report) and annotates the ones that are not OK. */
function noteAlarms(ctx, alarms, gating = true) {
    ctx.run.alarms = alarms;
    annotate(ctx, alarms, gating);
    return (0,_core_gate_js__WEBPACK_IMPORTED_MODULE_0__/* .evaluateGate */ .DR)(alarms, ctx.cfg.insufficientData);
}
/** Reads the alarms once; undefined when none are configured. `gating`: whether this read gates a change. */
async function readGate(ctx, gating = true) {
    if (!ctx.readAlarms)
        return undefined;
    const alarms = await ctx.readAlarms(ctx.signal);
    return noteAlarms(ctx, alarms, gating);
}
/**
 * Reads the alarms for the report only (a step that is never gated: a
 * decrease, a rollback): a failed read is a warning, not a failed step.
 */
async function readAlarmsForReport(ctx) {
    try {
        await readGate(ctx, false);
    }
    catch (err) {
        ctx.log.warning(`Could not read the alarms for the report: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(err)}`);
    }
}
/**
 * The alarm gate before a traffic increase or a promotion: refuses with a
 * GateError. With no alarm configured, the canary analysis may gate the bake
 * that follows (analysis: gate); else the change is ungated, which only
 * `allow-ungated: true` allows (the log, an annotation and the summary say so).
 */
async function gate(ctx, what) {
    if (!ctx.readAlarms) {
        const kind = (0,_core_gate_js__WEBPACK_IMPORTED_MODULE_0__/* .gateKind */ .w5)(ctx.cfg);
        if (kind === 'none' && !ctx.cfg.allowUngated)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('allow-ungated', (0,_core_gate_js__WEBPACK_IMPORTED_MODULE_0__/* .ungatedMessage */ .SZ)(ctx.cfg, `make ${what}`));
        if (!ctx.said.has('ungated')) {
            ctx.said.add('ungated');
            if (kind === 'analysis')
                ctx.log.info(`No alarms are configured: ${what} goes ahead, and the canary analysis (analysis: gate) judges the bake after it.`);
            else {
                ctx.run.ungated = true;
                ctx.log.warning(`allow-ungated: true: ${what} is not gated on anything (${(0,_core_gate_js__WEBPACK_IMPORTED_MODULE_0__/* .ungatedWhy */ .Lu)(ctx.cfg)}).`, 'Ungated release');
            }
        }
        return;
    }
    const verdict = (await readGate(ctx));
    const states = (ctx.run.alarms ?? []).map((a) => `${a.name}=${a.state}`).join(', ');
    if (!verdict.pass) {
        const reason = `gate refused ${what}: ${(0,_core_gate_js__WEBPACK_IMPORTED_MODULE_0__/* .describeBlocking */ .V5)(verdict.blocking)}`;
        (0,_timeline_js__WEBPACK_IMPORTED_MODULE_2__/* .mark */ .G)(ctx, 'gate-refused', reason);
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .GateError */ .ue(reason);
    }
    ctx.log.info(`Gate passed for ${what}: ${states}`);
}


/***/ }),

/***/ 9144:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ag: () => (/* binding */ said),
/* harmony export */   bM: () => (/* binding */ timelineDetail)
/* harmony export */ });
/* unused harmony export WOULD_BE */
/** Timeline events that record a change to the stage. */
const CHANGES = new Set([
    'deploy',
    'shift',
    'rollback',
    'restore',
    'promote',
    'cleanup'
]);
const WOULD_BE = '[dry-run] would be: ';
/** `done` in a real run; `[dry-run] ${would}` in a dry run. */
function said(dryRun, done, would) {
    return dryRun ? `[dry-run] ${would}` : done;
}
/** A timeline detail as a dry run states it. */
function timelineDetail(dryRun, event, detail) {
    return dryRun && CHANGES.has(event) ? `${WOULD_BE}${detail}` : detail;
}


/***/ }),

/***/ 6076:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dj: () => (/* binding */ gateWithResponse),
/* harmony export */   uf: () => (/* binding */ respond),
/* harmony export */   vQ: () => (/* binding */ zeroCanary)
/* harmony export */ });
/* harmony import */ var _core_patch_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5333);
/* harmony import */ var _core_stage_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(41);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _core_response_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(984);
/* harmony import */ var _alarm_gate_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4848);
/* harmony import */ var _timeline_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8208);






/**
 * The one call that takes canary traffic to 0 %: an UpdateStage with no read
 * first (0 % is the safe direction for any canary, and an alarm must stop the
 * canary within one poll interval plus one call). Used by `respond` below and
 * by recovery (after a cancel, or an alarm whose rollback failed).
 */
async function zeroCanary(ctx, detail, opts) {
    const from = (0,_core_stage_js__WEBPACK_IMPORTED_MODULE_4__/* .trafficOf */ .t7)(ctx.run.stage);
    const after = await ctx.api.updateStage((0,_core_patch_js__WEBPACK_IMPORTED_MODULE_5__/* .setTrafficOps */ .GM)(0), { ...opts, urgent: true });
    ctx.run.stage = after;
    ctx.run.rolledBack = true;
    (0,_timeline_js__WEBPACK_IMPORTED_MODULE_3__/* .mark */ .G)(ctx, 'rollback', detail(from), 0);
    return after;
}
/**
 * Carries out the response to an alarm (or an unhealthy canary, or a failing
 * analysis) on traffic this step raised, wherever it is found: during a bake,
 * at the next rung's gate of a ramp, at the gate of a promotion that follows a
 * ramp. `roll-back`: the canary goes to 0 %; `fail`: it stays as it is.
 * Returns the abort reason as the report shows it: the response's reason, and,
 * when the canary set to 0 % was another run's, whose. The command writes the
 * reason before this runs and what this returns after, then fails the step
 * (src/commands/respond.ts).
 */
async function respond(ctx, response) {
    const { trigger: verdict, reason } = response;
    let abortReason = reason;
    if (response.next === 'roll-back') {
        await ctx.log.group('Rollback', async () => {
            const mine = ctx.run.stage?.canary?.deploymentId;
            const after = await zeroCanary(ctx, (from) => `rolled back (${verdict}) (${(0,_core_stage_js__WEBPACK_IMPORTED_MODULE_4__/* .pct */ .Oe)(from)} → 0%)`);
            const rolled = after.canary?.deploymentId;
            ctx.run.drivenCanaryId = rolled;
            if (mine !== undefined && rolled !== undefined && rolled !== mine) {
                // Another run (or a person) replaced the canary during the bake: the alarm stopped theirs too.
                const note = `the canary set to 0 % was deployment ${rolled}, which replaced this step's ${mine} during the bake (another run or a person; use a concurrency group per stage)`;
                abortReason = `${reason}; ${note}`;
                ctx.log.warning(`Rolled back: ${note}.`, 'Canary replaced during the bake');
            }
            ctx.log.info(`Canary traffic is 0%; the stable deployment serves everything.`);
        });
    }
    else {
        ctx.log.warning(`on-alarm is 'fail': canary traffic left at ${(0,_core_stage_js__WEBPACK_IMPORTED_MODULE_4__/* .pct */ .Oe)((0,_core_stage_js__WEBPACK_IMPORTED_MODULE_4__/* .trafficOf */ .t7)(ctx.run.stage))}.`);
    }
    return abortReason;
}
/**
 * The gate before a traffic increase or a promotion. Refused on traffic this
 * step already raised (a ramp's next rung, the promotion after a ramp), it is
 * an alarm on that traffic: returns the alarm response, for the command to
 * carry out (src/commands/respond.ts). Otherwise a refusal only stops the step
 * (throws); undefined when the gate lets the change through.
 */
async function gateWithResponse(ctx, what) {
    try {
        await (0,_alarm_gate_js__WEBPACK_IMPORTED_MODULE_2__/* .gate */ .Gj)(ctx, what);
    }
    catch (err) {
        const raised = (0,_core_stage_js__WEBPACK_IMPORTED_MODULE_4__/* .trafficOf */ .t7)(ctx.run.stage) > (0,_core_stage_js__WEBPACK_IMPORTED_MODULE_4__/* .trafficOf */ .t7)(ctx.run.before);
        if (err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .GateError */ .ue && raised)
            return (0,_core_response_js__WEBPACK_IMPORTED_MODULE_1__/* .alarmResponse */ .Zo)('alarm', err.message, ctx.cfg.onAlarm);
        throw err;
    }
    return undefined;
}


/***/ }),

/***/ 8208:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ mark)
/* harmony export */ });
/* harmony import */ var _dry_run_text_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9144);

/** Appends to the timeline with the clock's time and the stage's current traffic. */
function mark(ctx, event, detail, percent) {
    ctx.run.timeline.push({
        time: new Date(ctx.clock.now()).toISOString(),
        event,
        percent: percent ?? ctx.run.stage?.canary?.percent ?? 0,
        detail: (0,_dry_run_text_js__WEBPACK_IMPORTED_MODULE_0__/* .timelineDetail */ .bM)(ctx.cfg.dryRun, event, detail)
    });
}


/***/ }),

/***/ 1422:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H4: () => (/* binding */ triageLine),
/* harmony export */   J0: () => (/* binding */ SOURCE_TITLE),
/* harmony export */   Rm: () => (/* binding */ topFaults),
/* harmony export */   Uk: () => (/* binding */ topFromAccess),
/* harmony export */   VA: () => (/* binding */ faultFilter),
/* harmony export */   VE: () => (/* binding */ triageWindow),
/* harmony export */   VN: () => (/* binding */ accessLogKeys),
/* harmony export */   Ze: () => (/* binding */ logGroupOf),
/* harmony export */   _t: () => (/* binding */ EXECUTION_QUERY),
/* harmony export */   b$: () => (/* binding */ accessQuery),
/* harmony export */   c_: () => (/* binding */ topFromExecution)
/* harmony export */ });
/* unused harmony exports ROLLBACK_LOOKBACK_MS, MAX_TEXT, TOP */
/**
 * Pure: triage after a rollback (docs/triage.md). The Logs Insights queries
 * over the canary's execution log group and the stage's access logs (canary
 * requests only), the X-Ray filter for the stage's faults, and what their
 * answers come to: the top errors with counts and one example id each, or one
 * line saying why there is nothing. Every text here came from AWS or from the
 * user's requests: the summary, the log and the outputs neutralise it.
 */
/** How far back the `rollback` command looks: it did not watch the canary, so the bake is unknown. */
const ROLLBACK_LOOKBACK_MS = 15 * 60_000;
/**
 * Pure: the window triage reads. From a minute before the step's first bake
 * (the requests that tripped the alarm began before the read that saw them)
 * to now; without a bake, the last ROLLBACK_LOOKBACK_MS.
 */
function triageWindow(firstBakeStart, now) {
    const start = firstBakeStart
        ? Math.min(Date.parse(firstBakeStart), now) - 60_000
        : now - ROLLBACK_LOOKBACK_MS;
    return { start: new Date(start), end: new Date(now) };
}
/** How long one message may show; execution-log lines can be long. */
const MAX_TEXT = 200;
/** Rows per section. */
const TOP = 5;
const SOURCE_TITLE = {
    'execution-logs': 'execution logs',
    'access-logs': 'access logs',
    'x-ray': 'X-Ray'
};
/**
 * The canary's execution-log lines of failed requests, grouped by message. A
 * line is `(request-id) message`. Lines that can carry a request or response
 * body (`... body before transformations: ...`) are dropped: never shown.
 */
const EXECUTION_QUERY = [
    'fields @timestamp, @message',
    '| filter @message like /Method completed with status: 5\\d\\d|Execution failed|Lambda execution failed|Endpoint request timed out/',
    '| filter @message not like /body/',
    '| parse @message /^\\((?<requestId>[^)]+)\\) (?<error>.*)$/',
    '| stats count(*) as errors, earliest(requestId) as exampleRequestId by error',
    '| sort errors desc',
    `| limit ${TOP * 2}`
].join('\n');
const SAFE_KEY = /^[A-Za-z0-9_@.-]{1,64}$/;
/**
 * The keys of a JSON access-log format that carry `$context.isCanaryRequest`,
 * `$context.status`, the request id and an error message; undefined unless
 * the format is JSON with the first two.
 */
function accessLogKeys(format) {
    if (!format || !format.trim().startsWith('{'))
        return undefined;
    const byVariable = new Map();
    for (const m of format.matchAll(/"([^"]+)"\s*:\s*"?\$context\.([A-Za-z.]+)"?/g)) {
        if (SAFE_KEY.test(m[1]) && !byVariable.has(m[2]))
            byVariable.set(m[2], m[1]);
    }
    const isCanary = byVariable.get('isCanaryRequest');
    const status = byVariable.get('status');
    if (!isCanary || !status)
        return undefined;
    const requestId = byVariable.get('requestId') ?? byVariable.get('extendedRequestId');
    const error = byVariable.get('integrationErrorMessage') ??
        byVariable.get('error.message') ??
        byVariable.get('integration.error');
    return {
        isCanary,
        status,
        ...(requestId ? { requestId } : {}),
        ...(error ? { error } : {})
    };
}
/** Canary requests that answered 4XX or 5XX in the access logs, by status (and error message). */
function accessQuery(k) {
    const f = (key) => `\`${key}\``;
    const by = [f(k.status), ...(k.error ? [f(k.error)] : [])].join(', ');
    return [
        'fields @timestamp',
        `| filter ${f(k.isCanary)} like /true/ and ${f(k.status)} like /^[45]\\d\\d$/`,
        `| stats count(*) as errors${k.requestId ? `, earliest(${f(k.requestId)}) as exampleRequestId` : ''} by ${by}`,
        '| sort errors desc',
        `| limit ${TOP * 2}`
    ].join('\n');
}
/** The log group an access-log destination ARN names (`arn:aws:logs:R:A:log-group:NAME`). */
function logGroupOf(destinationArn) {
    const m = /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:(.+?)(?::\*)?$/.exec(destinationArn ?? '');
    return m?.[1];
}
/** X-Ray: the traces through this stage with a fault (X-Ray does not mark canary requests). */
const faultFilter = (apiName, stage) => `service(${JSON.stringify(`${apiName}/${stage}`)}) { fault = true }`;
const cut = (s) => (s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT - 1)}…` : s);
/** Pure: the top rows of an execution-log query. */
function topFromExecution(rows) {
    return rows
        .filter((r) => r.error !== undefined)
        .map((r) => ({
        text: cut(r.error),
        count: Number(r.errors ?? 0),
        ...(r.exampleRequestId ? { example: cut(r.exampleRequestId) } : {})
    }))
        .sort((a, b) => b.count - a.count)
        .slice(0, TOP);
}
/** Pure: the top rows of an access-log query: `status 502: message`. */
function topFromAccess(rows, k) {
    return rows
        .map((r) => ({
        text: cut(`status ${r[k.status] ?? '?'}${k.error && r[k.error] && r[k.error] !== '-' ? `: ${r[k.error]}` : ''}`),
        count: Number(r.errors ?? 0),
        ...(r.exampleRequestId ? { example: cut(r.exampleRequestId) } : {})
    }))
        .sort((a, b) => b.count - a.count)
        .slice(0, TOP);
}
/** Pure: the top fault causes over traces, each counted once per trace. */
function topFaults(traces) {
    const byCause = new Map();
    for (const t of traces) {
        const causes = t.causes.length
            ? t.causes.map((c) => (c.exception ? `${c.service}: ${c.exception}` : c.service))
            : [`HTTP ${t.status ?? '5XX'} (no root cause recorded)`];
        for (const text of new Set(causes.map(cut))) {
            const item = byCause.get(text) ?? { text, count: 0, example: t.id };
            item.count++;
            byCause.set(text, item);
        }
    }
    return [...byCause.values()].sort((a, b) => b.count - a.count).slice(0, TOP);
}
/** Pure: one line for the log: each section's top error, or why there is none. */
function triageLine(t) {
    const parts = t.sections.map((s) => {
        const title = SOURCE_TITLE[s.source];
        if (s.status !== 'found')
            return `${title}: ${s.note ?? s.status}`;
        const [first] = s.top;
        const more = s.top.length > 1 ? ` (+${s.top.length - 1} more)` : '';
        return `${title}: ${first.count}× ${first.text}${first.example ? ` (e.g. ${first.example})` : ''}${more}`;
    });
    return `Triage of the canary, ${t.window.start.slice(11, 19)}–${t.window.end.slice(11, 19)} UTC: ${parts.join('; ')}`;
}


/***/ })

};
