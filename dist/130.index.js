export const id = 130;
export const ids = [130];
export const modules = {

/***/ 7020:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   t: () => (/* binding */ recorded),
/* harmony export */   y: () => (/* binding */ canaryCommit)
/* harmony export */ });
/* harmony import */ var _core_report_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8557);
/* harmony import */ var _core_run_state_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8298);
/* harmony import */ var _steps_load_stage_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(468);



/**
 * Runs a command's steps, then writes what they drove (the stage as left, the
 * canary driven, a create in doubt) into the report, whether they succeeded or
 * threw: the steps keep it in the run state, the command records it.
 */
async function recorded(ctx, steps) {
    try {
        await steps();
    }
    finally {
        (0,_core_run_state_js__WEBPACK_IMPORTED_MODULE_1__/* .recordRun */ .v)(ctx.report, ctx.run);
    }
}
/** Reads the canary deployment's description and records it (and its commit) in the report. */
async function canaryCommit(ctx, deploymentId) {
    const description = await (0,_steps_load_stage_js__WEBPACK_IMPORTED_MODULE_2__/* .loadCanaryCommit */ .GE)(ctx, deploymentId);
    (0,_core_report_js__WEBPACK_IMPORTED_MODULE_0__/* .noteCanary */ .d)(ctx.report, description);
    return description;
}


/***/ }),

/***/ 5767:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G3: () => (/* binding */ respondToBake),
/* harmony export */   W: () => (/* binding */ gateOnRaisedTraffic)
/* harmony export */ });
/* unused harmony export answer */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _steps_response_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6076);


/**
 * Carries out `response` and fails the step. The abort reason is in the report
 * before the rollback goes out (a rollback that fails still says why it was
 * tried), then as the rollback left it (whose canary it stopped).
 */
async function answer(ctx, response) {
    ctx.report.abortReason = response.reason;
    ctx.report.abortReason = await (0,_steps_response_js__WEBPACK_IMPORTED_MODULE_1__/* .respond */ .uf)(ctx, response);
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .GateError */ .ue(response.reason);
}
/** A bake's end: nothing when clean, else its response, carried out. */
async function respondToBake(ctx, result) {
    if (result.response)
        await answer(ctx, result.response);
}
/**
 * The gate before a traffic increase or a promotion (gateWithResponse): a
 * refusal on traffic this step already raised gets the alarm response; any
 * other refusal only stops the step.
 */
async function gateOnRaisedTraffic(ctx, what) {
    const response = await (0,_steps_response_js__WEBPACK_IMPORTED_MODULE_1__/* .gateWithResponse */ .Dj)(ctx, what);
    if (response)
        await answer(ctx, response);
}


/***/ }),

/***/ 4620:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bn: () => (/* binding */ rollbackOps),
/* harmony export */   UW: () => (/* binding */ shiftTarget),
/* harmony export */   cd: () => (/* binding */ jobLengthWarning),
/* harmony export */   mZ: () => (/* binding */ decideDeploy),
/* harmony export */   pr: () => (/* binding */ decidePromote)
/* harmony export */ });
/* unused harmony export JOB_LIMIT_MS */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _description_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2817);
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8571);
/* harmony import */ var _ladder_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3567);
/* harmony import */ var _patch_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5333);
/* harmony import */ var _stage_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(41);






/** Pure: what deploy does, given the stage and what the canary and the stable deployment record. */
function decideDeploy(state, canaryIsThisCommit, stableIsThisCommit, ifCanaryExists, 
/** Whose the canary is, as its description records it (commitOf). */
canaryCommit) {
    const c = state.canary;
    if (c && canaryIsThisCommit) {
        return {
            kind: 'noop',
            why: `the canary ${c.deploymentId} (${(0,_stage_js__WEBPACK_IMPORTED_MODULE_3__/* .pct */ .Oe)(c.percent)}) already carries this commit`
        };
    }
    if (!c && stableIsThisCommit) {
        return {
            kind: 'noop',
            why: `the stable deployment ${state.stableDeploymentId} already carries this commit`
        };
    }
    if (c && c.percent > 0 && ifCanaryExists === 'fail') {
        return {
            kind: 'refuse',
            why: `another canary is active on this stage: deployment ${c.deploymentId} at ${(0,_stage_js__WEBPACK_IMPORTED_MODULE_3__/* .pct */ .Oe)(c.percent)} (${canaryCommit ? `commit ${(0,_description_js__WEBPACK_IMPORTED_MODULE_1__/* .shortCommit */ .Ax)(canaryCommit)}` : 'no commit recorded'}). Promote or roll it back first, or set if-canary-exists: replace.`
        };
    }
    return { kind: 'create', replacing: c };
}
/** The traffic `percent` asks for, from the current traffic (`next` = the rung above). */
function shiftTarget(requested, current, steps) {
    if (requested !== 'next')
        return requested;
    const next = (0,_ladder_js__WEBPACK_IMPORTED_MODULE_2__/* .nextRung */ .O7)(steps, current);
    if (next === undefined) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .StateError */ .qq(`The canary is at ${(0,_stage_js__WEBPACK_IMPORTED_MODULE_3__/* .pct */ .Oe)(current)}, the top of steps (${steps.join(',')}): there is no next rung; promote it.`);
    }
    return next;
}
/** Pure: the patch a rollback sends (empty when there is nothing to roll back). */
function rollbackOps(state, mode, toDeploymentId) {
    const ops = [];
    if (mode === 'remove' && (state.canary || state.leftover))
        ops.push(...(0,_patch_js__WEBPACK_IMPORTED_MODULE_4__/* .removeCanaryOps */ .nu)());
    if (mode === 'zero' && state.canary && state.canary.percent > 0)
        ops.push(...(0,_patch_js__WEBPACK_IMPORTED_MODULE_4__/* .setTrafficOps */ .GM)(0));
    if (toDeploymentId !== undefined && toDeploymentId !== state.stableDeploymentId)
        ops.push(...(0,_patch_js__WEBPACK_IMPORTED_MODULE_4__/* .pointStageOps */ .hz)(toDeploymentId));
    return ops;
}
/** A hosted runner's job limit. */
const JOB_LIMIT_MS = 6 * 60 * 60 * 1000;
/**
 * Pure: whether the remaining bakes fit in one job, and the advice when they
 * do not. A single bake (shift): its advice is a shorter bake, or several shifts.
 */
function jobLengthWarning(rungs, bakeTimeMs, walk = 'ladder') {
    const total = rungs.length * bakeTimeMs;
    if (total <= JOB_LIMIT_MS - 10 * 60 * 1000)
        return undefined;
    if (walk === 'single-bake')
        return (`A bake of ${(0,_duration_js__WEBPACK_IMPORTED_MODULE_5__/* .formatDuration */ .a)(bakeTimeMs)} is longer than a 6-hour job allows: the job would be cancelled mid-bake (and the canary set to 0 %). ` +
            `Shorten bake-time, or bake over several jobs, each a shift with a bake-time that fits; a self-hosted runner allows up to 5 days.`);
    return (`${rungs.length} bakes of ${(0,_duration_js__WEBPACK_IMPORTED_MODULE_5__/* .formatDuration */ .a)(bakeTimeMs)} take ${(0,_duration_js__WEBPACK_IMPORTED_MODULE_5__/* .formatDuration */ .a)(total)}, longer than a 6-hour job allows: ` +
        `split the ramp over jobs (e.g. one job per rung with steps: set to the rungs it should walk, or shift with percent: next and bake-time), ` +
        `each continuing from the stage; or shorten bake-time.`);
}
/**
 * Pure: what promote does. A canary with traffic is promoted (if it is this
 * release's: ownershipProblem); the settings an interrupted promotion left
 * are removed; a stable deployment that already carries this commit is done.
 */
function decidePromote(state, stage, stableIsThisCommit) {
    const canary = state.canary;
    if (canary && canary.percent === 0) {
        return {
            kind: 'refuse',
            why: `Canary ${canary.deploymentId} is at 0% (rolled back, or never given traffic): promoting it would send it all traffic untried. Shift it up first, or deploy a new one.`
        };
    }
    if (canary)
        return { kind: 'promote', canary };
    if (state.leftover) {
        return {
            kind: 'cleanup',
            why: `The canary settings point at the stage's own deployment ${state.stableDeploymentId}: a promotion was interrupted before its cleanup. Removing them.`
        };
    }
    if (stableIsThisCommit) {
        return {
            kind: 'noop',
            why: `Nothing to promote: the stable deployment ${state.stableDeploymentId} already carries this commit.`
        };
    }
    return { kind: 'refuse', why: `Stage '${stage}' has no canary to promote: run deploy first.` };
}


/***/ }),

/***/ 6965:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  W: () => (/* binding */ bake)
});

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
;// CONCATENATED MODULE: ./src/analysis/window.ts
/** A minute's datapoints are published about a minute after it ends (docs/canary-analysis.md). */
const PUBLICATION_DELAY_MS = 60_000;
const MINUTE = 60_000;
/**
 * The minutes to judge at `now`: from the bake's first whole minute (the
 * minute the bake started in also carries traffic from before the change) to
 * the last one that is complete and published (`end` exclusive); with
 * `startMinute` (startMinuteIsOwn), from the minute the bake started in.
 * Undefined while there is none.
 */
function analysisWindow(bakeStart, now, startMinute = false) {
    const start = (startMinute ? Math.floor : Math.ceil)(bakeStart / MINUTE) * MINUTE;
    const end = Math.floor((now - PUBLICATION_DELAY_MS) / MINUTE) * MINUTE;
    return end > start ? { start: new Date(start), end: new Date(end) } : undefined;
}
/**
 * Pure: whether every canary request of the minute the step's first bake
 * starts in is this step's canary's, so that minute can be judged: the stage
 * as the step first read it had no canary (nor a promotion's leftover
 * settings) and had not changed since before that minute began (its
 * lastUpdatedDate, whole seconds, a second or more before). Nothing but the
 * step changed it since: any canary traffic in that minute is the canary the
 * step created, at the bake's percentage. A release right after another's
 * promotion in the same minute fails the test: that minute holds the other
 * canary's requests under the same dimension.
 */
function startMinuteIsOwn(before, bakeStart) {
    const minute = Math.floor(bakeStart / MINUTE) * MINUTE;
    return (before !== undefined &&
        !before.canary &&
        !before.leftover &&
        before.updatedAt !== undefined &&
        before.updatedAt + 1000 <= minute);
}
/** The judge's settings from the inputs; `rungs` the ladder's length, `stepRungs` the rungs this step walks. */
function judgeSettings(cfg, rungs, stepRungs) {
    return {
        max5xxIncrease: cfg.max5xxIncrease,
        max4xxIncrease: cfg.max4xxIncrease,
        confidence: cfg.analysisConfidence,
        maxLatencyIncrease: cfg.maxLatencyIncrease,
        minCanaryRequests: cfg.minCanaryRequests,
        rungs,
        stepRungs
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
const fmt = (m) => `  ${m.metric}: ${m.outcome}: ${m.why}`;
/** Pure: the judge's lines for the log. */
function verdictLines(v, window, canaryStage) {
    const span = `${window.start.toISOString().slice(11, 16)}–${window.end.toISOString().slice(11, 16)} UTC`;
    return [
        `Canary analysis (Stage=${canaryStage}, ${span}, ${v.minutes} minutes, ${v.canaryRequests} canary requests this step): ${v.outcome}${v.evidence ? ' (within every allowance)' : ''}: ${v.why}`,
        ...v.metrics.map(fmt)
    ];
}

;// CONCATENATED MODULE: ./src/analysis/judge.ts
/**
 * What the judge's pieces share: per-minute series as GetMetricData answers
 * them, and whether the stage's own metrics count the canary's requests. The
 * judge itself is rung-judge.ts (anytime-valid tests, count-test.ts and
 * sequential.ts); docs/canary-analysis.md explains it.
 */
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

// EXTERNAL MODULE: ./src/commands/catalog.ts
var catalog = __webpack_require__(6833);
;// CONCATENATED MODULE: ./src/analysis/bake-policy.ts
/** A minute's datapoints are published about a minute after it ends. */
const bake_policy_PUBLICATION_DELAY_MS = 60_000;
/**
 * Pure: after a read at `elapsedMs` into the bake (with `verdict` undefined
 * when there is none yet), and `extended` once the bake runs past `bakeMs`.
 */
function bakeStep(p, elapsedMs, verdict, extended) {
    if (p.mode === 'report')
        return elapsedMs >= p.bakeMs ? { action: 'done', why: 'time' } : { action: 'continue' };
    if (verdict?.outcome === 'fail')
        return { action: 'fail', why: 'worse' };
    if (p.advanceOnEvidence) {
        // No stable side to compare with (the canary at 100 %): the alarms alone gate, for the minimum bake.
        const shown = verdict?.evidence || verdict?.baseline === false;
        if (shown && elapsedMs >= p.minBakeMs)
            return { action: 'done', why: 'evidence' };
        if (elapsedMs < p.maxBakeMs)
            return { action: 'continue' };
        if (p.onInconclusive === 'pass')
            return { action: 'done', why: 'time' };
        return { action: 'fail', why: 'inconclusive' };
    }
    if (extended && verdict?.outcome === 'pass')
        return { action: 'done', why: 'pass' };
    if (elapsedMs < (extended ? p.maxBakeMs : p.bakeMs))
        return { action: 'continue' };
    const outcome = verdict?.outcome ?? 'inconclusive';
    if (outcome === 'pass')
        return { action: 'done', why: 'time' };
    if (p.onInconclusive === 'pass')
        return { action: 'done', why: 'time' };
    if (p.onInconclusive === 'extend' && !extended && p.maxBakeMs > elapsedMs)
        return { action: 'extend', untilMs: p.maxBakeMs };
    return { action: 'fail', why: 'inconclusive' };
}
/** The shortest bake that lets every gating alarm see the rung: the longest period × datapoints-to-alarm, plus the publication delay. */
function minimumBakeMs(alarms) {
    const trip = Math.max(60, ...alarms.map((a) => a.minTripSeconds ?? 0));
    return trip * 1000 + bake_policy_PUBLICATION_DELAY_MS;
}

// EXTERNAL MODULE: ./src/analysis/blast-radius.ts
var blast_radius = __webpack_require__(4915);
;// CONCATENATED MODULE: ./src/analysis/alpha.ts
/**
 * How the release's α (1 − analysis-confidence) is spent: Bonferroni over the
 * rungs of the `steps` ladder and, within a rung, over the gating metrics by
 * weight. Each test is anytime-valid, so the number of reads costs nothing:
 * P(any false rollback in the release) ≤ Σ α(metric, rung) = 1 − confidence.
 * docs/canary-analysis.md#one-guarantee-for-the-release says it in words.
 */
/** Relative weights of the gating metrics: the 5XX test gets the largest share. */
const METRIC_WEIGHTS = {
    '5XX rate': 3,
    '4XX rate': 1,
    Latency: 2,
    kpi: 1
};
/** Pure: each metric's α at one rung, for the release's confidence (percent) and ladder length. */
function alphaPlan(confidence, rungs, kpiNames = []) {
    const release = 1 - confidence / 100;
    const n = Math.max(1, Math.floor(rungs));
    const entries = [
        ['5XX rate', METRIC_WEIGHTS['5XX rate']],
        ['4XX rate', METRIC_WEIGHTS['4XX rate']],
        ['Latency', METRIC_WEIGHTS.Latency],
        ...kpiNames.map((k) => [k, METRIC_WEIGHTS.kpi])
    ];
    const total = entries.reduce((s, [, w]) => s + w, 0);
    return {
        release,
        rungs: n,
        perMetric: new Map(entries.map(([name, w]) => [name, (release * w) / total / n]))
    };
}

// EXTERNAL MODULE: ./src/analysis/sequential.ts
var sequential = __webpack_require__(8687);
;// CONCATENATED MODULE: ./src/analysis/points-bet.ts
/**
 * The points allowances' tests (5XX, 4XX): anytime-valid betting e-processes.
 * "Within": evidence that the canary's rate per request is at most the stable
 * side's + δ, against the null H0: p_c ≥ p_s + δ. "Worse": against
 * H0: p_c ≤ p_s + δ, the same factor with v ≤ 0 (its expectation below is then
 * ≤ 1 when p_c − p_s − δ ≤ 0), a mixture over canary rates. Pure.
 *
 * Each minute the judge stakes, from the minutes before only, numbers u and
 * v ≥ 0 and multiplies its e-value by
 *   (1 + (u − v) / n_c)^{x} (1 + u / n_c)^{n_c − x}
 *   × (1 + ((1 + δ) v − u) / n_s)^{y} (1 + (δ v − u) / n_s)^{n_s − y}
 * (x of the canary's n_c requests failed, y of the stable side's n_s). Given
 * the past and the minute's requests (binomial errors at the minute's rates),
 * its expectation is at most exp(u − v p_c + (δ v − u) + v p_s) (as
 * 1 + z ≤ e^z) = exp(−v (p_c − p_s − δ)) ≤ 1 under the null, whatever the
 * rates do from minute to minute. The product is a test supermartingale
 * (Ville: it reaches 1/α with probability at most α). No interval for the
 * stable rate and no likelihood of the stable side to predict: its minute
 * enters only through the bet.
 *
 * The stakes maximise the expected log of the factor for an alternative (for
 * "within" a canary exactly as good as stable; for "worse" each of a few
 * canary rates above the stable one + δ), at the stable rate the minutes
 * before show (a concave maximisation in two variables, Newton's method).
 */

/**
 * Pure: the stakes (u, v) that maximise the expected log factor when the stable side fails at rate
 * p and the canary at q (default p: a canary as good as stable), for n_c and n_s requests and the
 * allowance δ; v ≥ 0 ("within": the canary below p + δ) or, with `worse`, v ≤ 0.
 */
function withinStakes(p, delta, nc, ns, q = p, worse = false) {
    // The four affine arguments (each must stay > 0) and their weights and directions in (u, v).
    const terms = [
        { w: nc * q, n: nc, du: 1, dv: -1 },
        { w: nc * (1 - q), n: nc, du: 1, dv: 0 },
        { w: ns * p, n: ns, du: -1, dv: 1 + delta },
        { w: ns * (1 - p), n: ns, du: -1, dv: delta }
    ];
    const arg = (t, u, v) => t.n + t.du * u + t.dv * v;
    const value = (u, v) => {
        let g = 0;
        for (const t of terms) {
            const a = arg(t, u, v);
            if (!(a > 0))
                return -Infinity;
            if (t.w > 0)
                g += t.w * Math.log(a / t.n);
        }
        return (worse ? v > 0 : v < 0) ? -Infinity : g;
    };
    let u = 0;
    let v = 0;
    for (let it = 0; it < 60; it++) {
        let gu = 0;
        let gv = 0;
        let huu = 0;
        let huv = 0;
        let hvv = 0;
        for (const t of terms) {
            const a = arg(t, u, v);
            gu += (t.w * t.du) / a;
            gv += (t.w * t.dv) / a;
            const h = t.w / (a * a);
            huu -= h * t.du * t.du;
            huv -= h * t.du * t.dv;
            hvv -= h * t.dv * t.dv;
        }
        const det = huu * hvv - huv * huv;
        if (!(det > 0))
            break;
        // Newton's step, halved until it stays feasible and does not lower the objective.
        let su = -(hvv * gu - huv * gv) / det;
        let sv = -(huu * gv - huv * gu) / det;
        const before = value(u, v);
        let step = 1;
        while (step > 1e-12 && !(value(u + step * su, v + step * sv) >= before))
            step /= 2;
        if (step <= 1e-12)
            break;
        su *= step;
        sv *= step;
        u += su;
        v += sv;
        if (Math.abs(su) + Math.abs(sv) < 1e-10 * (1 + Math.abs(u) + Math.abs(v)))
            break;
    }
    return [u, worse ? Math.min(0, v) : Math.max(0, v)];
}
/** A bet never stakes more than this share of a factor. */
const MAX_STAKE = 0.95;
/**
 * The minutes in order, each with the stable rate's running estimate from the minutes before it
 * (starting from `prior`); `p` is undefined for a minute that is not bet on (no estimate yet, or a
 * side without requests).
 */
function* withStableEstimate(minutes, prior) {
    let px = Math.min(prior.events, prior.requests);
    let pn = prior.requests;
    for (const minute of minutes) {
        const nc = minute.canaryRequests;
        const ns = minute.stableRequests;
        const m = { nc, ns, x: Math.min(minute.canaryEvents, nc), y: Math.min(minute.stableEvents, ns) };
        yield { m, p: pn > 0 && nc > 0 && ns > 0 ? (px + 0.5) / (pn + 1) : undefined };
        if (ns > 0) {
            px += m.y;
            pn += ns;
        }
    }
}
/**
 * The log of one minute's factor for stakes (u, v), scaled down together if any of its four
 * arguments would come near 0 (a smaller bet stays valid).
 */
function logFactor([u0, v0], { nc, ns, x, y }, delta) {
    const worst = Math.max((v0 - u0) / nc, -u0 / nc, (u0 - (1 + delta) * v0) / ns, (u0 - delta * v0) / ns, 0);
    const k = worst > MAX_STAKE ? MAX_STAKE / worst : 1;
    const u = u0 * k;
    const v = v0 * k;
    let l = 0;
    if (x > 0)
        l += x * Math.log1p((u - v) / nc);
    if (nc - x > 0)
        l += (nc - x) * Math.log1p(u / nc);
    if (y > 0)
        l += y * Math.log1p(((1 + delta) * v - u) / ns);
    if (ns - y > 0)
        l += (ns - y) * Math.log1p((delta * v - u) / ns);
    return l;
}
/**
 * Pure: log E of the "within" test after `minutes`, the stable rate's running estimate starting
 * from `prior` (the minutes before the step; without them the first stable minute is the start,
 * conditioned on and not bet on).
 */
function pointsWithinLogE(minutes, delta, prior) {
    let logE = 0;
    for (const { m, p } of withStableEstimate(minutes, prior))
        if (p !== undefined)
            logE += logFactor(withinStakes(p, delta, m.nc, m.ns), m, delta);
    return logE;
}
/**
 * Pure: log E of a "worse" bet for H0 p_c ≤ p_s + δ: the same factor with v ≤ 0, averaged over
 * canary rates at odds `ratios` times the stable estimate + δ.
 */
function pointsWorseLogE(minutes, delta, prior, ratios) {
    return pointsWorsePath(minutes, delta, prior, ratios).at(-1) ?? 0;
}
/** Pure: log E of the "worse" bet after each minute (what a read after each would show). */
function pointsWorsePath(minutes, delta, prior, ratios) {
    const path = [];
    const sums = ratios.map(() => 0);
    for (const { m, p } of withStableEstimate(minutes, prior)) {
        if (p !== undefined) {
            const b = Math.min(1 - 1e-9, p + delta);
            ratios.forEach((g, i) => {
                const q = (g * b) / (1 - b + g * b);
                sums[i] += logFactor(withinStakes(p, delta, m.nc, m.ns, q, true), m, delta);
            });
        }
        path.push((0,sequential/* logMeanExp */.BN)(sums));
    }
    return path;
}

;// CONCATENATED MODULE: ./src/analysis/count-test.ts
/**
 * The judge's test for one count metric (5XX, 4XX, slow requests, a KPI's
 * events), minute by minute, canary against stable, with an allowance: an
 * anytime-valid "worse" test (roll back) and an anytime-valid "not worse"
 * test (evidence that the canary is within the allowance), both from
 * sequential.ts. Pure.
 *
 * Allowances:
 * - `points`: the canary's rate per request may exceed the stable side's by δ
 *   (5XX, 4XX). Both rates are unknown: each claim is a bet per minute
 *   (points-bet.ts) on both sides' counts, valid however the rates move, the
 *   stable rate's estimate only shaping the stakes (no α, no interval spent
 *   on it). With δ = 0 only the counting test runs, at r0 = 1
 *   whatever p is, and the base rate may vary freely from minute to minute.
 * - `ratio`: the canary's rate per request may be r0 times the stable's
 *   (KPIs: 1 + max-change for higher-is-worse, 1 − max-change for lower-is-worse).
 */


/**
 * An error is one request's outcome, so a minute has at most as many as it has
 * requests; a KPI's events (items sold, bytes) may outnumber the requests, and
 * the counting test (conditional on the events) does not need them to.
 */
const capped = (events, requests, cap) => cap ? Math.min(events, requests) : events;
/** The minutes' requests and events summed on each side (events capped as `capped` says). */
const countTotals = (minutes, cap) => minutes.reduce((t, m) => ({
    canaryRequests: t.canaryRequests + m.canaryRequests,
    stableRequests: t.stableRequests + m.stableRequests,
    canaryEvents: t.canaryEvents + capped(m.canaryEvents, m.canaryRequests, cap),
    stableEvents: t.stableEvents + capped(m.stableEvents, m.stableRequests, cap)
}), { canaryRequests: 0, stableRequests: 0, canaryEvents: 0, stableEvents: 0 });
/** The minutes as share observations at the rate ratio r0 (minutes without canary requests carry nothing). */
function shareObservations(minutes, rateRatio, cap = true) {
    return minutes
        .filter((m) => m.canaryRequests > 0 && m.stableRequests > 0)
        .map((m) => {
        const rho = m.canaryRequests / (m.canaryRequests + m.stableRequests);
        const ce = capped(m.canaryEvents, m.canaryRequests, cap);
        const se = capped(m.stableEvents, m.stableRequests, cap);
        return {
            events: ce,
            total: ce + se,
            nullShare: (0,sequential/* nullShare */.Xs)(rho, rateRatio),
            ...(m.focusRatio !== undefined ? { focusRatio: m.focusRatio / rateRatio } : {})
        };
    });
}
function countingLogE(minutes, r0, ratios, cap = true) {
    return r0 === Infinity ? 0 : (0,sequential/* shareLogE */.BQ)(shareObservations(minutes, r0, cap), ratios);
}
/** Half the "within" bet is on a canary exactly as good as stable (odds ratio 1/r0 against the boundary). */
function countingWithinLogE(minutes, r0, ratios, cap = true) {
    return r0 === Infinity || r0 <= 0
        ? 0
        : (0,sequential/* shareLogE */.BQ)(shareObservations(minutes, r0, cap), ratios, {
            ratio: minutes.some((m) => m.focusRatio !== undefined) ? 'per-period' : 1 / r0,
            weight: 0.5
        });
}
/**
 * The points test's "worse" grid: odds ratios against the stable rate + δ, where the regressions
 * users care about lie (a 3-point 5XX regression over a 1 % rate and a 0.5-point allowance is
 * g ≈ 2.7; from a 0.1 % rate, g ≈ 5). Fewer, closer points than `WORSE_RATIOS` cost less of the
 * evidence (the mixture's price is about the log of the points near the truth's share of the
 * weight); regressions far beyond 20 are caught in a minute or two by the g = 20 point anyway.
 */
const POINTS_WORSE_RATIOS = [1.5, 2, 2.7, 3.6, 5, 8, 20];
/** Pure: both tests on the minutes so far. */
function countTest(minutes, settings) {
    const a = settings.allowance;
    const cap = a.kind !== 'ratio';
    const t = countTotals(minutes, cap);
    const higher = settings.direction === 'higher-is-worse';
    const worseRatios = higher ? (settings.worseRatios ?? sequential/* WORSE_RATIOS */.C6) : sequential/* BETTER_RATIOS */.ek;
    // The within-allowance grid, pointing the other way.
    const within = sequential/* WITHIN_RATIOS */.Vt.map((g) => (higher ? 1 / g : g));
    const testAlpha = settings.alpha;
    const evidenceAlpha = settings.evidenceAlpha;
    let logE;
    let logENotWorse;
    if (a.kind === 'points' && a.points > 0) {
        const delta = a.points / 100;
        const prior = settings.stablePrior ?? { events: 0, requests: 0 };
        // Points allowances are for error rates: more events per request is worse.
        // Bets per minute (points-bet.ts), valid whatever the rates do from minute to minute.
        logE = pointsWorseLogE(minutes, delta, prior, POINTS_WORSE_RATIOS);
        logENotWorse = pointsWithinLogE(minutes, delta, prior);
    }
    else {
        const r0 = a.kind === 'ratio' ? a.ratio : 1;
        logE = countingLogE(minutes, r0, worseRatios, cap);
        logENotWorse = countingWithinLogE(minutes, r0, within, cap);
    }
    return {
        ...t,
        logE,
        logENotWorse,
        worse: logE >= Math.log(1 / testAlpha),
        notWorse: logENotWorse >= Math.log(1 / evidenceAlpha),
        pValue: Math.min(1, Math.exp(-logE))
    };
}

// EXTERNAL MODULE: ./node_modules/@stdlib/stats-base-dists-normal-cdf/lib/index.js
var lib = __webpack_require__(2484);
var lib_default = /*#__PURE__*/__webpack_require__.n(lib);
;// CONCATENATED MODULE: ./src/analysis/latency-thresholds.ts
/**
 * Latency's thresholds: where the judge counts requests slower than the
 * stable side (rung-input.ts reads them, rung-judge.ts and tail-test.ts test
 * them, sim/ draws them), and the stable side's shape they imply. Pure.
 */

/** Steps of the tail lattice per p90 → p99 spread, and its range: from about p94 to about p99.995. */
const STEPS = 4;
const FIRST_STEP = -3;
const LAST_STEP = 8;
/** The index of the stable p99 in latencyThresholds' answer. */
const P99_INDEX = 2 - FIRST_STEP;
/**
 * The latency thresholds from the stable side's p50, p90 and p99: p50, p90, then a geometric lattice
 * through p99, T99 × (T99 / T90)^(k/4) for k = −3 … 8 (about p94 to p99.995 of a log-normal):
 * fourteen thresholds, the tail's shape where a tail-only regression shows (see
 * docs/canary-analysis.md#the-tail-test). Any thresholds fixed before the bake keep the tests
 * valid; these need no statistic beyond the three percentiles.
 */
function latencyThresholds(p50, p90, p99) {
    const spread = p90 > 0 ? Math.max(1, p99 / p90) : 1;
    const lattice = [];
    for (let k = FIRST_STEP; k <= LAST_STEP; k++)
        lattice.push(p99 * spread ** (k / STEPS));
    return [p50, p90, ...lattice];
}
/** The "within" claim's thresholds: the stable p50, p90 and p99. */
function withinIndices(count) {
    return count > P99_INDEX ? [0, 1, P99_INDEX] : Array.from({ length: count }, (_, i) => i);
}
/** The narrowest shape the bets assume (a spread of about 5 % around the median). */
const MIN_SIGMA = 0.05;
const Z90 = 1.2815515655446004;
const Z99 = 2.3263478740408408;
function tailShape(thresholds) {
    const p50 = thresholds[0];
    const p90 = thresholds[1];
    const p99 = thresholds.length > P99_INDEX ? thresholds[P99_INDEX] : thresholds[2];
    if (!(p50 > 0))
        return undefined;
    // A stable side whose p90 and p99 coincide (latency nearly constant): a narrow shape, not none.
    const sigma = p90 > 0 && p99 > p90 ? Math.log(p99 / p90) / (Z99 - Z90) : 0;
    return { median: p50, sigma: Math.max(MIN_SIGMA, sigma) };
}
/** The standard normal z of latency x under the shape. */
const shapeZ = (s, x) => x > 0 ? Math.log(x / s.median) / s.sigma : -Infinity;
/** P(Z > z) for a standard normal Z. */
const shapeSurvivalZ = (z) => lib_default()(-z, 0, 1);
/** P(latency > x) under the shape. */
const shapeSurvival = (s, x) => shapeSurvivalZ(shapeZ(s, x));

;// CONCATENATED MODULE: ./src/analysis/tail-test.ts
/**
 * Latency's "worse" test on the shape of the tail: an anytime-valid betting
 * e-process on the requests slower than many thresholds at once. Pure.
 *
 * The null (max-latency-increase a): the canary at most (1 + a) times as slow
 * as stable at every quantile. Then for every x, P(canary > (1 + a)x) ≤
 * P(stable > x). Each minute the judge has, at points x_1 < … < x_K fixed
 * before the bake, the canary's requests above (1 + a)x_k and the stable
 * side's above x_k (CloudWatch `TC(x:)`): the canary's requests fall in K + 1
 * bins [(1 + a)x_k, (1 + a)x_{k+1}) with probabilities μ, the stable side's in
 * [x_k, x_{k+1}) with ν, and the null says every tail sum of μ is at most ν's.
 *
 * A minute's bet: numbers c_0 ≤ c_1 ≤ … ≤ c_K chosen before the minute (from
 * the minutes before it only), and the factor
 *   Π_j (1 + c_j / n_c)^{x_j} (1 − c_j / n_s)^{y_j}
 * (x_j, y_j the minute's requests in bin j on each side, n_c, n_s its
 * requests). Given the past and the minute's request counts its expectation is
 * (1 + Σμc / n_c)^{n_c} (1 − Σνc / n_s)^{n_s} ≤ exp(Σμc − Σνc), and since c is
 * nondecreasing, Σμc = c_0 + Σ_{k≥1} (c_k − c_{k−1}) × (tail sum of μ from k)
 * ≤ the same with ν: at most 1 under every null law, whatever the laws do from
 * minute to minute. The product over minutes is a test supermartingale, and so
 * is any fixed average of such products: Ville's inequality bounds its ever
 * reaching 1/α by α. docs/canary-analysis.md#the-tail-test says it in full.
 *
 * The bets: for each of a few alternatives fixed in advance (the canary's
 * latency stretched beyond a stable quantile, or as a whole, by more than the
 * allowance), the c that maximises the expected log of the factor when the
 * canary follows that alternative and the stable side what its earlier minutes
 * showed: a concave maximisation under the order c_0 ≤ … ≤ c_K, solved exactly
 * by pooling adjacent violators (maximiseBet). The e-process is the weighted
 * average of the alternatives' products (a mixture: the price of not knowing
 * the alternative is at most the log of its weight).
 */


/**
 * The mixture's alternatives ([from, to, stretch beyond the allowance, weight]): half the weight on
 * the tail-only regression the issue names (p95 unchanged, the stretch reaching 1.25 × the
 * allowance's at p99: p99 +50 % at the default 20 %), the rest on slower and later tails (to
 * p99.9, from p98 by 1.6, beyond p99 only) and on the whole distribution 10 % and 25 % beyond the
 * allowance (a whole-distribution slowdown shows in the first minute under any of them). The
 * weights are a choice made before the data; the guarantee holds for any.
 */
const TAIL_ALTERNATIVES = [
    [0.95, 0.99, 1.25, 0.5],
    [0.95, 0.999, 1.25, 0.15],
    [0.98, 0.999, 1.6, 0.1],
    [0.99, 0.99, 1.25, 0.1],
    [0, 0, 1.1, 0.075],
    [0, 0, 1.25, 0.075]
].map(([from, to, stretch, weight]) => ({ from, to, stretch, weight }));
/** How many stable requests the shape's guess of the stable side's tail counts as. */
const PRIOR_REQUESTS = 2000;
/** A bet never risks more than this share of a side's factor per request. */
const tail_test_MAX_STAKE = 0.9;
const TINY = 1e-9;
/**
 * Pure: the c_0 ≤ … ≤ c_K that maximise Σ_j a_j log(1 + c_j / nc) + b_j log(1 − c_j / ns) (a_j, b_j
 * > 0: the expected requests per bin on each side). Each term's own maximum is c = (a ns − b nc) /
 * (a + b), a weighted mean of the bin's (weights a + b) over any pooled block, so pooling adjacent
 * violators (Best, Chakravarti & Ubhaya 2000, for separable concave objectives under a chain
 * order) gives the exact maximum.
 */
function maximiseBet(a, b, nc, ns) {
    const blocks = [];
    const value = (x) => (x.a * ns - x.b * nc) / (x.a + x.b);
    a.forEach((aj, j) => {
        blocks.push({ a: aj, b: b[j], n: 1 });
        while (blocks.length > 1 && value(blocks[blocks.length - 2]) > value(blocks.at(-1))) {
            const last = blocks.pop();
            const prev = blocks.at(-1);
            prev.a += last.a;
            prev.b += last.b;
            prev.n += last.n;
        }
    });
    return blocks.flatMap((x) => Array(x.n).fill(value(x)));
}
/** The minute's requests per bin from its counts above the points (made nonincreasing and within [0, n]). */
function bins(n, above) {
    const tail = [];
    let prev = n;
    for (const v of above) {
        prev = Math.max(0, Math.min(prev, Number.isFinite(v) ? v : 0));
        tail.push(prev);
    }
    return [n, ...tail].map((t, j, all) => t - (all[j + 1] ?? 0));
}
/** P(canary > y) under an alternative, the stable side following `shape`. */
function alternativeSurvival(shape, alt, f, y) {
    const top = f * alt.stretch;
    const g = (u) => u <= alt.from
        ? alt.to > 0
            ? 1
            : top
        : u >= alt.to
            ? top
            : 1 + ((top - 1) * (u - alt.from)) / (alt.to - alt.from);
    // The canary's latency at the stable z, Q(z) g(Φ(z)), is increasing: bisect for where it reaches y.
    const q = (z) => shape.median * Math.exp(shape.sigma * z) * g(1 - shapeSurvivalZ(z));
    let lo = -12;
    let hi = 12;
    if (q(hi) <= y)
        return 0;
    for (let i = 0; i < 50; i++) {
        const mid = (lo + hi) / 2;
        if (q(mid) > y)
            hi = mid;
        else
            lo = mid;
    }
    return shapeSurvivalZ((lo + hi) / 2);
}
const shapes = new Map();
/**
 * The shape's P(stable > x_k), and each alternative's P(canary > (1 + a)x_k) over it: fixed for the
 * step (the points and the shape are), so kept for the step's later reads (a few, small).
 */
function betShapes(xs, allowancePercent, shape) {
    const key = JSON.stringify([xs, allowancePercent, shape]);
    const known = shapes.get(key);
    if (known)
        return known;
    const f = 1 + allowancePercent / 100;
    const nominal = xs.map((x) => shapeSurvival(shape, x));
    const ratios = TAIL_ALTERNATIVES.map((alt) => xs.map((x, k) => alternativeSurvival(shape, alt, f, f * x) / Math.max(TINY, nominal[k])));
    if (shapes.size >= 16)
        shapes.delete(shapes.keys().next().value);
    shapes.set(key, { nominal, ratios });
    return { nominal, ratios };
}
/**
 * Pure: log E of the tail test after `minutes` (each with the same points `xs`, ascending), at
 * allowance `allowancePercent`, its bets shaped by the stable side's `shape`.
 */
function tailLogE(minutes, xs, allowancePercent, shape) {
    return tailLogEPath(minutes, xs, allowancePercent, shape).at(-1) ?? 0;
}
/** Pure: log E after each minute (what reads after each minute would show). */
function tailLogEPath(minutes, xs, allowancePercent, shape) {
    if (!xs.length)
        return minutes.map(() => 0);
    const { nominal, ratios } = betShapes(xs, allowancePercent, shape);
    const logE = TAIL_ALTERNATIVES.map(() => 0);
    const total = TAIL_ALTERNATIVES.reduce((s, a) => s + a.weight, 0);
    const logWeights = TAIL_ALTERNATIVES.map((a) => Math.log((a.weight * logE.length) / total));
    const path = [];
    const seenAbove = xs.map(() => 0);
    let seen = 0;
    for (const m of minutes) {
        const nc = m.canaryRequests;
        const ns = m.stableRequests;
        const y = bins(ns, m.stableAbove);
        if (nc > 0 && ns > 0) {
            // The stable side's tail as the minutes before show it, starting from the shape's guess.
            const stableTail = xs.map((_, k) => (seenAbove[k] + PRIOR_REQUESTS * nominal[k]) / (seen + PRIOR_REQUESTS));
            const nu = tailBins(stableTail);
            const x = bins(nc, m.canaryAbove);
            ratios.forEach((r, i) => {
                let cap = 1;
                const mu = tailBins(stableTail.map((s, k) => (cap = Math.min(cap, Math.min(1, r[k] * s)))));
                const c = maximiseBet(mu.map((p) => nc * p), nu.map((p) => ns * p), nc, ns).map((cj) => Math.min(tail_test_MAX_STAKE * ns, Math.max(-tail_test_MAX_STAKE * nc, cj)));
                let s = 0;
                c.forEach((cj, j) => {
                    if (x[j] > 0)
                        s += x[j] * Math.log1p(cj / nc);
                    if (y[j] > 0)
                        s += y[j] * Math.log1p(-cj / ns);
                });
                logE[i] += s;
            });
        }
        // Stable minutes count for the next minute's estimate (as requests, not a bet).
        if (ns > 0) {
            let above = 0;
            for (let k = xs.length - 1; k >= 0; k--) {
                above += y[k + 1];
                seenAbove[k] += above;
            }
            seen += ns;
        }
        path.push((0,sequential/* logMeanExp */.BN)(logE.map((l, i) => l + logWeights[i])));
    }
    return path;
}
/** Probabilities per bin from tail probabilities at the points (every bin above a tiny floor). */
function tailBins(tail) {
    return [1, ...tail].map((t, j, all) => Math.max(TINY, t - (all[j + 1] ?? 0)));
}

;// CONCATENATED MODULE: ./src/analysis/rung-judge.ts
/**
 * The anytime-valid canary judge for one rung: every gating metric turned
 * into counts per minute (5XX, 4XX, requests slower than thresholds taken
 * from the stable side before the rung, KPI events) and tested with
 * count-test.ts at the α that alpha.ts gives it. Pure: minutes in, verdict out.
 *
 * Per metric: `fail` when the canary is shown worse than stable beyond the
 * allowance, `pass` when it is shown within it (the evidence the
 * evidence-based ramp waits for), else `inconclusive` (neither yet).
 */




const pct = (r) => `${(r * 100).toFixed(2)}%`;
const fmtE = (e) => (e >= 1e6 ? e.toExponential(1) : e >= 100 ? e.toFixed(0) : e.toFixed(2));
function metricOf(metric, shownAs, r, alpha, figures, head, allowance) {
    const eValue = Math.exp(r.logE);
    const pValue = Math.min(1, 1 / eValue);
    const outcome = r.worse ? 'fail' : r.notWorse ? 'pass' : 'inconclusive';
    const verdict = r.worse
        ? `worse beyond ${allowance}`
        : r.notWorse
            ? `within ${allowance}`
            : `not shown worse beyond ${allowance}, nor within it yet`;
    return {
        metric,
        shownAs,
        outcome,
        ...figures,
        ...(figures.stable !== undefined && figures.canary !== undefined
            ? { difference: figures.canary - figures.stable }
            : {}),
        eValue,
        alpha,
        eNotWorse: Math.exp(r.logENotWorse),
        pValue,
        confidence: (1 - pValue) * 100,
        why: `${head}: ${verdict} (worse: e=${fmtE(eValue)} of ${fmtE(1 / alpha)}; within: e=${fmtE(Math.exp(r.logENotWorse))})`
    };
}
const rateOf = (events, requests) => (requests > 0 ? events / requests : undefined);
function rateMetric(metric, input, pick, points, alpha, evidenceAlpha) {
    const minutes = input.minutes;
    const prior = input.stablePrior;
    const series = minutes.map((m) => ({
        time: m.time,
        canaryRequests: m.canary.requests,
        stableRequests: m.stable.requests,
        canaryEvents: pick(m.canary),
        stableEvents: pick(m.stable)
    }));
    const r = countTest(series, {
        allowance: { kind: 'points', points },
        direction: 'higher-is-worse',
        alpha,
        evidenceAlpha,
        ...(prior ? { stablePrior: { events: pick(prior), requests: prior.requests } } : {})
    });
    const c = rateOf(r.canaryEvents, r.canaryRequests);
    const s = rateOf(r.stableEvents, r.stableRequests);
    const head = `canary ${c === undefined ? '—' : pct(c)} (${r.canaryEvents}/${r.canaryRequests}) vs stable ${s === undefined ? '—' : pct(s)} (${r.stableEvents}/${r.stableRequests})`;
    return metricOf(metric, 'ratio', r, alpha, { ...(s !== undefined ? { stable: s } : {}), ...(c !== undefined ? { canary: c } : {}) }, head, `${points} points`);
}
/**
 * The tail test's points x and, per minute, the canary's requests above (1 + a)x and the stable
 * side's above x: every threshold T (canary above T(1 + a), stable above T) and, from the "within"
 * reads, T / (1 + a) (canary above T, stable above T / (1 + a)), ascending, each x once.
 */
function tailPoints(tail, allowancePercent) {
    const f = 1 + allowancePercent / 100;
    const points = tail.thresholds.flatMap((t, i) => [
        { x: t, i, low: false },
        ...(f > 1 && tail.lowExact !== false ? [{ x: t / f, i, low: true }] : [])
    ]);
    points.sort((p, q) => p.x - q.x);
    const kept = points.filter((p, j) => j === 0 || p.x > points[j - 1].x);
    return {
        xs: kept.map((p) => p.x),
        minutes: tail.minutes.map((m) => ({
            canaryRequests: m.canaryRequests,
            stableRequests: m.stableRequests,
            canaryAbove: kept.map((p) => (p.low ? m.canaryAboveT : m.canaryAbove)[p.i] ?? 0),
            stableAbove: kept.map((p) => (p.low ? m.stableAboveLow : m.stableAbove)[p.i] ?? 0)
        }))
    };
}
function latencyMetric(tail, allowancePercent, alpha, evidenceAlpha) {
    const k = tail.thresholds.length;
    const per = (i, worse) => {
        // The "within" test's focus: an equal canary's requests above T over the stable side's above
        // T / (1 + a) is the stable side's own ratio of the two, estimated from the minutes before.
        let above = 0;
        let aboveLow = 0;
        return tail.minutes.map((m) => {
            const focusRatio = (above + 0.5) / (aboveLow + 1);
            above += m.stableAbove[i] ?? 0;
            aboveLow += m.stableAboveLow[i] ?? 0;
            return {
                time: m.time,
                canaryRequests: m.canaryRequests,
                stableRequests: m.stableRequests,
                canaryEvents: (worse ? m.canaryAbove : m.canaryAboveT)[i] ?? 0,
                stableEvents: (worse ? m.stableAbove : m.stableAboveLow)[i] ?? 0,
                ...(worse ? {} : { focusRatio })
            };
        });
    };
    const settings = {
        allowance: { kind: 'ratio', ratio: 1 },
        direction: 'higher-is-worse',
        alpha,
        evidenceAlpha
    };
    // "Worse": the tail test over every point at once (tail-test.ts).
    const shape = tailShape(tail.thresholds);
    const points = tailPoints(tail, allowancePercent);
    const logE = k && shape ? tailLogE(points.minutes, points.xs, allowancePercent, shape) : 0;
    // "Within" at the percentiles the thresholds come from (p50, p90, p99): beyond p99 a canary at
    // 5 % has a request above the threshold every few minutes, too few to show anything within a bake.
    const better = withinIndices(k).map((i) => countTest(per(i, false), settings));
    // The figures shown: the stable p99's counts (canary above it × (1 + a), stable above it).
    const worseCounts = (i) => countTotals(per(i, true), true);
    const shownAt = withinIndices(k).at(-1);
    const top = shownAt === undefined ? undefined : worseCounts(shownAt);
    const c = top ? rateOf(top.canaryEvents, top.canaryRequests) : undefined;
    const s = top ? rateOf(top.stableEvents, top.stableRequests) : undefined;
    const shown = withinIndices(k)
        .map((i) => {
        const t = tail.thresholds[i];
        const w = worseCounts(i);
        return `>${Math.round(t * (1 + allowancePercent / 100))} ms ${w.canaryEvents}/${w.canaryRequests} vs >${Math.round(t)} ms ${w.stableEvents}/${w.stableRequests}`;
    })
        .join('; ');
    return metricOf('Latency', 'slow-share', {
        logE,
        logENotWorse: k ? Math.min(...better.map((b) => b.logENotWorse)) : 0,
        worse: k > 0 && logE >= Math.log(1 / alpha),
        notWorse: k > 0 && better.every((b) => b.notWorse)
    }, alpha, { ...(s !== undefined ? { stable: s } : {}), ...(c !== undefined ? { canary: c } : {}) }, k
        ? `slower than the stable side's p50, p90, p99 (tested at ${points.xs.length} points to beyond p99.9), canary vs stable: ${shown}`
        : 'no thresholds yet', `${allowancePercent}%`);
}
function kpiMetric(k, alpha, evidenceAlpha) {
    const higher = k.direction === 'higher-is-worse';
    const ratio = higher ? 1 + k.maxChangePercent / 100 : Math.max(0, 1 - k.maxChangePercent / 100);
    const r = countTest(k.minutes, {
        allowance: { kind: 'ratio', ratio },
        direction: k.direction,
        alpha,
        evidenceAlpha
    });
    // The KPI's values as read, not the whole numbers the test counts.
    const sum = (f) => k.minutes.reduce((a, m) => a + f(m), 0);
    const c = rateOf(sum((m) => m.canaryValue ?? m.canaryEvents), r.canaryRequests);
    const s = rateOf(sum((m) => m.stableValue ?? m.stableEvents), r.stableRequests);
    const f = (v) => (v === undefined ? '—' : v.toPrecision(3));
    return metricOf(k.name, { unit: k.unit, per: k.per }, r, alpha, { ...(s !== undefined ? { stable: s } : {}), ...(c !== undefined ? { canary: c } : {}) }, `per ${k.per}: canary ${f(c)} vs stable ${f(s)}${higher ? '' : ' (lower is worse)'}`, `${k.maxChangePercent}%`);
}
/** Pure: the rung's verdict on its minutes so far. */
function judgeRung(input, settings) {
    const kpis = input.kpis ?? [];
    const plan = alphaPlan(settings.confidence, settings.rungs / Math.max(1, Math.min(settings.rungs, settings.stepRungs ?? 1)), kpis.map((k) => k.name));
    const evidenceAlpha = plan.release;
    const a = (name) => plan.perMetric.get(name);
    const metrics = [
        rateMetric('5XX rate', input, (s) => s.errors5xx, settings.max5xxIncrease, a('5XX rate'), evidenceAlpha),
        rateMetric('4XX rate', input, (s) => s.errors4xx, settings.max4xxIncrease, a('4XX rate'), evidenceAlpha),
        latencyMetric(input.tail ?? { thresholds: [], minutes: [] }, settings.maxLatencyIncrease, a('Latency'), evidenceAlpha),
        ...kpis.map((k) => kpiMetric(k, a(k.name), evidenceAlpha))
    ];
    const canaryRequests = input.minutes.reduce((s, m) => s + m.canary.requests, 0);
    const minutes = input.minutes.filter((m) => m.canary.requests > 0).length;
    const failed = metrics.filter((m) => m.outcome === 'fail');
    const evidence = metrics.every((m) => m.outcome === 'pass');
    const baseline = input.minutes.some((m) => m.stable.requests > 0);
    const enough = canaryRequests >= settings.minCanaryRequests;
    const outcome = failed.length ? 'fail' : enough || evidence ? 'pass' : 'inconclusive';
    const why = failed.length
        ? `worse: ${failed.map((m) => m.metric).join(', ')}`
        : evidence
            ? `every metric shown within its allowance at ${settings.confidence}% confidence`
            : enough
                ? `no metric shown worse at ${settings.confidence}% confidence (release-wide)`
                : `${canaryRequests} canary requests, ${settings.minCanaryRequests} needed`;
    return { outcome, evidence, baseline, metrics, canaryRequests, minutes, why };
}

;// CONCATENATED MODULE: ./src/analysis/rung-input.ts

const rung_input_MINUTE = 60_000;
const at = (s) => new Map((s ?? []).map((p) => [p.time, p.value]));
/** Minutes in [start, end) as epoch ms, one a minute. */
function minutesOf(start, end) {
    const out = [];
    for (let t = Math.ceil(start / rung_input_MINUTE) * rung_input_MINUTE; t < end; t += rung_input_MINUTE)
        out.push(t);
    return out;
}
/**
 * The latency thresholds (latencyThresholds) from the stable side's p50, p90
 * and p99, each the median over the minutes before `before` of its per-minute
 * values; undefined when no such minute has data.
 */
function thresholdsBefore(reads, before) {
    const pick = (s) => s.filter((p) => p.time < before && Number.isFinite(p.value) && p.value > 0).map((p) => p.value);
    const sets = [reads.stable.latencyP50, reads.stable.latencyP90, reads.stable.latencyP99].map(pick);
    if (sets.some((v) => v.length === 0))
        return undefined;
    const [p50, p90, p99] = sets.map((v) => {
        const s = [...v].sort((a, b) => a - b);
        const m = s.length >> 1;
        return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
    });
    return latencyThresholds(p50, p90, p99);
}
/**
 * Pure: the judge's minutes for [start, end). With `stageIncludesCanary`
 * the stage's counts are made stable-only by subtracting the canary's
 * (latency counts above a threshold too: a count, unlike a percentile,
 * subtracts).
 */
function rungInput(reads, window, stageIncludesCanary) {
    const times = minutesOf(window.start, window.end);
    const c = {
        n: at(reads.canary.count),
        e5: at(reads.canary.errors5xx),
        e4: at(reads.canary.errors4xx)
    };
    const s = {
        n: at(reads.stable.count),
        e5: at(reads.stable.errors5xx),
        e4: at(reads.stable.errors4xx)
    };
    const stableOnly = (stage, canary) => Math.max(0, stageIncludesCanary ? stage - canary : stage);
    const v = (m, t) => m.get(t) ?? 0;
    const minutes = times
        .filter((t) => c.n.has(t) || s.n.has(t))
        .map((t) => ({
        time: t,
        canary: { requests: v(c.n, t), errors5xx: v(c.e5, t), errors4xx: v(c.e4, t) },
        stable: {
            requests: stableOnly(v(s.n, t), v(c.n, t)),
            errors5xx: stableOnly(v(s.e5, t), v(c.e5, t)),
            errors4xx: stableOnly(v(s.e4, t), v(c.e4, t))
        }
    }));
    // The stable side before the first judged minute (the read reaches back for the thresholds).
    const prior = [...s.n.keys()].filter((t) => t < window.start);
    const input = {
        minutes,
        ...(prior.length
            ? {
                stablePrior: {
                    requests: prior.reduce((a, t) => a + stableOnly(v(s.n, t), v(c.n, t)), 0),
                    errors5xx: prior.reduce((a, t) => a + stableOnly(v(s.e5, t), v(c.e5, t)), 0),
                    errors4xx: prior.reduce((a, t) => a + stableOnly(v(s.e4, t), v(c.e4, t)), 0)
                }
            }
            : {})
    };
    const tail = reads.tail;
    if (tail) {
        const maps = {
            ca: tail.canaryAbove.map(at),
            sa: tail.stableAbove.map(at),
            ct: tail.canaryAboveT.map(at),
            sl: tail.stableAboveLow.map(at)
        };
        // Latency counts of the stable side lose the canary's share only approximately (bounds differ): subtract where they match.
        const tailMinutes = minutes.map((m) => ({
            time: m.time,
            canaryRequests: m.canary.requests,
            stableRequests: m.stable.requests,
            canaryAbove: maps.ca.map((x) => v(x, m.time)),
            stableAbove: maps.sa.map((x, i) => stableOnly(v(x, m.time), v(maps.ct[i], m.time))),
            canaryAboveT: maps.ct.map((x) => v(x, m.time)),
            stableAboveLow: maps.sl.map((x) => v(x, m.time))
        }));
        input.tail = {
            thresholds: tail.plan.thresholds,
            minutes: tailMinutes,
            ...(stageIncludesCanary ? { lowExact: false } : {})
        };
    }
    input.kpis = reads.kpis.map((k) => {
        const ce = at(k.canary.events);
        const se = at(k.stable.events);
        const cn = k.canary.samples ? at(k.canary.samples) : undefined;
        const sn = k.stable.samples ? at(k.stable.samples) : undefined;
        const series = minutes.map((m) => ({
            time: m.time,
            // Sum: events per request; Average: events per sample.
            canaryRequests: cn ? v(cn, m.time) : m.canary.requests,
            stableRequests: sn ? v(sn, m.time) : m.stable.requests,
            // The test counts events (whole numbers); the figures shown keep the sums as read.
            canaryEvents: Math.round(v(ce, m.time)),
            stableEvents: Math.round(v(se, m.time)),
            canaryValue: v(ce, m.time),
            stableValue: v(se, m.time)
        }));
        return {
            name: k.kpi.name,
            unit: k.kpi.unit ?? 'None',
            per: cn ? 'sample' : 'request',
            direction: k.kpi.direction,
            maxChangePercent: k.kpi.maxChangePercent ?? 10,
            minutes: series
        };
    });
    return input;
}

;// CONCATENATED MODULE: ./src/analysis/step-analysis.ts









/** Minutes of stable data before the bake read for the latency thresholds. */
const THRESHOLD_MINUTES = 5;
const step_analysis_MINUTE = 60_000;
const sum = (s) => s.reduce((a, p) => a + p.value, 0);
const states = new WeakMap();
/** The step's bakes as one input; only the first bake's prior stable minutes (later ones are judged minutes already). */
function concat(parts) {
    const first = parts[0]?.stablePrior;
    const out = { minutes: [], kpis: [], ...(first ? { stablePrior: first } : {}) };
    for (const p of parts) {
        out.minutes.push(...p.minutes);
        if (p.tail) {
            out.tail ??= { thresholds: p.tail.thresholds, minutes: [] };
            out.tail.minutes.push(...p.tail.minutes);
            if (p.tail.lowExact === false)
                out.tail.lowExact = false;
        }
        ;
        (p.kpis ?? []).forEach((k, i) => {
            const into = out.kpis[i];
            if (into)
                into.minutes.push(...k.minutes);
            else
                out.kpis.push({ ...k, minutes: [...k.minutes] });
        });
    }
    return out;
}
function rungCounts(percent, r) {
    const t = (f) => r.minutes.reduce((s, m) => s + f(m), 0);
    return {
        percent,
        canaryRequests: t((m) => m.canary.requests),
        canary5xx: t((m) => m.canary.errors5xx),
        stableRequests: t((m) => m.stable.requests),
        stable5xx: t((m) => m.stable.errors5xx)
    };
}
/**
 * The canary analysis of one bake (analysis: report or gate): the metrics read
 * at most once a minute and once at the end, judged over the step's whole
 * minutes with anytime-valid tests (src/analysis/), the verdict logged and
 * kept with the blast radius in the run state (`ctx.run.analysis`, which the
 * command copies into the report however the bake ends: recordRun). With
 * `gate`, a failing verdict is returned for the bake to answer like an alarm
 * (bakeNext, respond); with `advance-on-evidence`, the bake ends once every
 * gating metric is shown within its allowance (never before the alarms'
 * minimum bake); an inconclusive end follows `on-inconclusive`. Undefined
 * when the analysis is off or there is nothing to judge.
 */
function startAnalysis(ctx, percent, bakeStart, durationMs) {
    const { cfg, log, report, run } = ctx;
    if (cfg.analysisMode === 'off' || !ctx.readMetricData || percent <= 0 || report.dryRun)
        return;
    const mode = cfg.analysisMode;
    const read = ctx.readMetricData;
    let state = states.get(ctx);
    // The step's first bake judges the minute it started in when the step created the canary.
    const startMinute = !state && startMinuteIsOwn(run.before, bakeStart);
    if (!state) {
        // A ramp walks the rungs from this one up; deploy and shift bake once.
        const stepRungs = (0,catalog/* traitsOf */.JC)(report.command).walksLadder
            ? cfg.steps.filter((s) => s >= percent - 1e-9).length
            : 1;
        state = { earlier: [], current: undefined, blast: [], stepRungs: Math.max(1, stepRungs) };
        states.set(ctx, state);
    }
    else if (state.current) {
        state.earlier.push(state.current);
        state.current = undefined;
    }
    const st = state;
    const blastIndex = st.blast.length;
    const settings = judgeSettings(cfg, cfg.steps.length, st.stepRungs);
    const evidenceMode = mode === 'gate' && cfg.advanceOnEvidence;
    const maxBakeMs = cfg.maxBakeTimeMs ?? 2 * durationMs;
    const minBakeMs = minimumBakeMs(ctx.run.alarms ?? []);
    const policy = {
        mode,
        advanceOnEvidence: evidenceMode,
        bakeMs: durationMs,
        maxBakeMs,
        minBakeMs,
        onInconclusive: cfg.onInconclusive
    };
    const bake = { percent, reads: 0, calls: 0, billedMetrics: 0 };
    /** The end of the last window read: a new read waits for a new complete minute. */
    let lastEnd = -Infinity;
    let lastVerdict;
    let extensions = 0;
    let judgedFinal = false;
    const judge = async (now) => {
        const window = analysisWindow(bakeStart, now, startMinute);
        if (!window)
            return undefined;
        // The read reaches back before the bake for the stable side's latency thresholds.
        const readStart = new Date(window.start.getTime() - THRESHOLD_MINUTES * step_analysis_MINUTE);
        const tail = st.thresholds
            ? { thresholds: st.thresholds.values, allowancePercent: cfg.maxLatencyIncrease }
            : undefined;
        let m;
        try {
            m = await read({
                window: { start: readStart, end: window.end },
                kpis: cfg.analysisMetrics,
                ...(tail ? { tail } : {})
            }, ctx.signal);
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
        const span = { start: window.start.getTime(), end: window.end.getTime() };
        const inBake = (s) => s.filter((p) => p.time >= span.start && p.time < span.end);
        // The chart shows the bake's minutes only (the read reaches back for the thresholds).
        const bakeSide = (side) => ({
            count: inBake(side.count),
            errors5xx: inBake(side.errors5xx),
            latencyP99: inBake(side.latencyP99)
        });
        const includes = inferStageIncludesCanary(sum(inBake(m.stable.count)), sum(inBake(m.canary.count)), percent) ??
            false;
        const current = rungInput(m, span, includes);
        if (current.tail && st.thresholds) {
            const from = st.thresholds.from;
            current.tail.minutes = current.tail.minutes.filter((x) => x.time >= from);
        }
        st.current = current;
        if (!st.thresholds) {
            // Thresholds from the stable minutes before the bake, else (a new stage) from those read so far.
            const before = thresholdsBefore(m, span.start);
            const values = before ?? thresholdsBefore(m, span.end);
            if (values)
                st.thresholds = { values, from: before ? span.start : span.end };
        }
        const verdict = judgeRung(concat([...st.earlier, current]), settings);
        st.blast[blastIndex] = rungCounts(percent, current);
        const bakes = (run.analysis?.bakes ?? []).filter((b) => b !== bake);
        const previous = run.analysis;
        run.analysis = {
            mode,
            outcome: verdict.outcome,
            decision: undefined,
            verdict,
            window: { start: window.start.toISOString(), end: window.end.toISOString() },
            apiName: m.apiName,
            canaryStage: m.canaryStage,
            percent,
            confidence: settings.confidence,
            advanceOnEvidence: evidenceMode,
            blastRadius: (0,blast_radius/* blastRadius */.X)(st.blast, 1 - settings.confidence / 100, cfg.steps.length),
            bakes: [...bakes, bake],
            billedMetrics: (previous?.billedMetrics ?? 0) + m.billedMetrics,
            chart: chartPoints(bakeSide(m.stable), bakeSide(m.canary))
        };
        for (const line of verdictLines(verdict, window, m.canaryStage))
            log.info(line);
        return verdict;
    };
    const evidenceShown = (v) => !!v && (v.evidence || !v.baseline);
    return {
        maxBakeMs: evidenceMode ? maxBakeMs : undefined,
        async poll(now, final) {
            if (judgedFinal)
                return undefined;
            const elapsed = now - bakeStart;
            // Evidence already shown: the bake ends once the alarms have had their minimum bake.
            if (evidenceMode && evidenceShown(lastVerdict) && elapsed >= minBakeMs && !final) {
                run.analysis.decision = 'pass';
                return { action: 'done' };
            }
            // At most once a minute: when a new minute is complete and published, and at the end.
            const end = analysisWindow(bakeStart, now, startMinute)?.end.getTime() ?? -Infinity;
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
            // The decision is bake-policy.ts's (the simulation runs the same): `final` is the bake's
            // own end (bake-time, or max-bake-time once extended or with advance-on-evidence).
            const extended = extensions > 0;
            const endMs = evidenceMode || extended ? maxBakeMs : durationMs;
            const at = final ? Math.max(elapsed, endMs) : Math.min(elapsed, endMs - 1);
            const step = bakeStep(policy, at, verdict, extended);
            const why = verdict?.why ?? 'no complete minute of metrics';
            switch (step.action) {
                case 'continue':
                    return undefined;
                case 'done':
                    if (run.analysis)
                        run.analysis.decision = 'pass';
                    if (evidenceMode && step.why === 'time')
                        log.warning(`Canary analysis: not every metric shown within its allowance at max-bake-time (${(0,stage/* pct */.Oe)(percent)}); on-inconclusive: pass advances on time.`);
                    return { action: 'done' };
                case 'extend': {
                    extensions++;
                    judgedFinal = false;
                    if (run.analysis)
                        run.analysis.decision = 'extend';
                    const until = bakeStart + step.untilMs;
                    log.info(`Canary analysis inconclusive (${verdict?.why ?? 'no complete minute of metrics yet'}): baking on, judging every minute, until ${new Date(until).toISOString()} (max-bake-time).`);
                    return { action: 'extend', until };
                }
                case 'fail':
                    if (run.analysis)
                        run.analysis.decision = 'fail';
                    return {
                        action: 'fail',
                        reason: step.why === 'worse'
                            ? `canary analysis failed at ${(0,stage/* pct */.Oe)(percent)}: ${why}`
                            : evidenceMode
                                ? `canary analysis inconclusive at max-bake-time (${(0,stage/* pct */.Oe)(percent)}, advance-on-evidence): ${verdict ? 'not every metric shown within its allowance' : why}`
                                : extended || cfg.onInconclusive === 'extend'
                                    ? `canary analysis still inconclusive at max-bake-time (${(0,stage/* pct */.Oe)(percent)}): ${why}`
                                    : `canary analysis inconclusive at ${(0,stage/* pct */.Oe)(percent)} (on-inconclusive: fail): ${why}`
                    };
            }
        }
    };
}

// EXTERNAL MODULE: ./src/core/response.ts
var response = __webpack_require__(984);
;// CONCATENATED MODULE: ./src/steps/bake.ts








/** Whole seconds for poll lines (timer jitter would otherwise print 999ms). */
const seconds = (ms) => (0,duration/* formatDuration */.a)(Math.max(0, Math.round(ms / 1000)) * 1000).replace(/^0ms$/, '0s');
/** What watches a bake without alarms, for its first log line ('' with alarms). */
function watchedBy(ctx, analysing) {
    if (ctx.readAlarms)
        return '';
    if (!analysing)
        return ' (no alarms configured: nothing is watched)';
    return ctx.cfg.analysisMode === 'gate'
        ? ' (no alarms configured: only the canary analysis watches, and gates)'
        : ' (no alarms configured: the canary analysis only reports; nothing gates)';
}
/**
 * Watches the alarms for `durationMs` at `percent` canary traffic: a read at
 * the start, then every poll interval on a fixed schedule (so a slow read does
 * not push the next one back), and a last one when the time is up. After each
 * poll, bakeNext (core/response.ts) says what happens next: it stops at the
 * first gating alarm, after three failed reads in a row, or on a failing
 * canary analysis; a bake is clean only if its last read succeeded (when the
 * time is up on a failed read it reads on). Cancellation (ctx.signal)
 * interrupts the wait at once. The caller carries out the response
 * (respondToBake).
 */
async function bake(ctx, durationMs, percent) {
    const { clock, cfg, log } = ctx;
    const interval = cfg.pollIntervalMs;
    const start = clock.now();
    const analysis = startAnalysis(ctx, percent, start, durationMs);
    // advance-on-evidence: the analysis ends the bake on evidence; max-bake-time bounds it.
    let deadline = start + (analysis?.maxBakeMs ?? durationMs);
    let failures = 0;
    let lastReadOk = false;
    let overtime = false;
    (0,timeline/* mark */.G)(ctx, 'bake-start', `bake ${(0,duration/* formatDuration */.a)(durationMs)} at ${(0,stage/* pct */.Oe)(percent)}`, percent);
    log.info((analysis?.maxBakeMs !== undefined
        ? `Baking at ${(0,stage/* pct */.Oe)(percent)} until the analysis shows the canary within every allowance (at most ${(0,duration/* formatDuration */.a)(analysis.maxBakeMs)}), polling every ${(0,duration/* formatDuration */.a)(interval)}`
        : `Baking ${(0,duration/* formatDuration */.a)(durationMs)} at ${(0,stage/* pct */.Oe)(percent)}, polling every ${(0,duration/* formatDuration */.a)(interval)}`) +
        watchedBy(ctx, analysis !== undefined));
    for (let poll = 1;; poll++) {
        const now = clock.now();
        const head = `[poll ${poll}] ${seconds(now - start)} elapsed, ${seconds(deadline - now)} left, canary ${(0,stage/* pct */.Oe)(percent)}`;
        let alarms;
        if (ctx.readAlarms) {
            try {
                const verdict = (0,alarm_gate/* noteAlarms */.zO)(ctx, await ctx.readAlarms(ctx.signal));
                failures = 0;
                lastReadOk = true;
                const states = (ctx.run.alarms ?? []).map((a) => `${a.name}=${a.state}`).join(' ');
                log.info(`${head}: ${states}`);
                alarms = verdict.pass
                    ? { kind: 'ok' }
                    : {
                        kind: 'alarm',
                        reason: `alarm during bake at ${(0,stage/* pct */.Oe)(percent)}: ${(0,gate/* describeBlocking */.V5)(verdict.blocking)}`
                    };
            }
            catch (err) {
                if (ctx.signal.aborted)
                    throw ctx.signal.reason;
                failures++;
                lastReadOk = false;
                log.warning(`${head}: alarm read failed (${failures}/${response/* MAX_READ_FAILURES */.GM}): ${(0,errors/* errorMessage */.gJ)(err)}`);
                alarms = { kind: 'read-failed', failures, reason: (0,errors/* errorMessage */.gJ)(err) };
            }
        }
        else {
            log.info(head);
        }
        // The canary analysis (analysis/step-analysis.ts), asked unless the alarms already stopped the bake.
        const judged = (0,response/* alarmsStop */.px)(alarms)
            ? undefined
            : await analysis?.poll(clock.now(), clock.now() >= deadline);
        const after = clock.now();
        const next = (0,response/* bakeNext */.bR)({ alarms, lastReadOk: !ctx.readAlarms || lastReadOk, judged, now: after, deadline }, cfg.onAlarm);
        if ('trigger' in next) {
            (0,timeline/* mark */.G)(ctx, next.trigger === 'unhealthy' ? 'unhealthy' : 'alarm', next.reason, percent);
            return { verdict: next.trigger, reason: next.reason, polls: poll, response: next };
        }
        if (next.next === 'end') {
            (0,timeline/* mark */.G)(ctx, 'bake-clean', `baked ${(0,duration/* formatDuration */.a)(durationMs)} at ${(0,stage/* pct */.Oe)(percent)} with no alarm`, percent);
            return { verdict: 'clean', reason: '', polls: poll };
        }
        deadline = next.next === 'extend' ? next.until : next.deadline;
        if (next.next === 'continue' && next.overtime && !overtime) {
            // Clean means the alarms were read at the end: read on (fail closed).
            overtime = true;
            log.warning(`The bake's time is up but its last alarm read failed: reading on every ${(0,duration/* formatDuration */.a)(interval)} until one succeeds or ${response/* MAX_READ_FAILURES */.GM} fail in a row.`);
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
    if (ctx.run.before === undefined) {
        ctx.run.before = state;
        const c = state.canary;
        ctx.log.info(`Stage ${ctx.cfg.stage} of ${ctx.cfg.restApiId}: stable deployment ${state.stableDeploymentId}, ` +
            (c
                ? `canary ${c.deploymentId} at ${(0,_core_stage_js__WEBPACK_IMPORTED_MODULE_2__/* .pct */ .Oe)(c.percent)}`
                : state.leftover
                    ? 'no canary (settings left by a promotion)'
                    : 'no canary'));
    }
    ctx.run.stage = state;
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
/** Reads the canary deployment's description (which records its commit). */
async function loadCanaryCommit(ctx, deploymentId) {
    return ctx.api.deploymentDescription(deploymentId);
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
    if (ctx.signal.aborted && percent > (0,_core_stage_js__WEBPACK_IMPORTED_MODULE_3__/* .trafficOf */ .t7)(ctx.run.stage))
        throw ctx.signal.reason;
    const from = (0,_core_stage_js__WEBPACK_IMPORTED_MODULE_3__/* .trafficOf */ .t7)(ctx.run.stage);
    // The canary is this step's from the moment the write goes out: if its answer
    // is lost after it applied, recovery must still know to take the traffic back.
    const aimedAt = ctx.run.stage?.canary?.deploymentId;
    if (aimedAt !== undefined)
        ctx.run.drivenCanaryId = aimedAt;
    const state = await ctx.api.updateStage((0,_core_patch_js__WEBPACK_IMPORTED_MODULE_4__/* .setTrafficOps */ .GM)(percent));
    ctx.run.stage = state;
    const hit = state.canary?.deploymentId;
    if (aimedAt !== undefined && hit !== undefined && hit !== aimedAt && percent > from) {
        // API Gateway has no conditional write: another run replaced the canary between
        // this step's read and its write, and the raise landed on theirs. Put it back.
        await undoRaiseOnReplacedCanary(ctx, { aimedAt, hit, from, percent });
    }
    ctx.run.drivenCanaryId = hit;
    (0,_timeline_js__WEBPACK_IMPORTED_MODULE_2__/* .mark */ .G)(ctx, event, `${detail} (${(0,_core_stage_js__WEBPACK_IMPORTED_MODULE_3__/* .pct */ .Oe)(from)} → ${(0,_core_stage_js__WEBPACK_IMPORTED_MODULE_3__/* .pct */ .Oe)((0,_core_stage_js__WEBPACK_IMPORTED_MODULE_3__/* .trafficOf */ .t7)(state))})`, (0,_core_stage_js__WEBPACK_IMPORTED_MODULE_3__/* .trafficOf */ .t7)(state));
    return state;
}
async function undoRaiseOnReplacedCanary(ctx, w) {
    ctx.run.drivenCanaryId = undefined;
    let undone = '';
    try {
        // Lowering traffic is a rollback: fresh connection and short per-attempt deadline, as zeroCanary's.
        ctx.run.stage = await ctx.api.updateStage((0,_core_patch_js__WEBPACK_IMPORTED_MODULE_4__/* .setTrafficOps */ .GM)(w.from), { urgent: true });
        undone = `; its traffic was set back to ${(0,_core_stage_js__WEBPACK_IMPORTED_MODULE_3__/* .pct */ .Oe)(w.from)}, where this step found the stage`;
    }
    catch (err) {
        undone = `; setting it back to ${(0,_core_stage_js__WEBPACK_IMPORTED_MODULE_3__/* .pct */ .Oe)(w.from)} failed (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(err)}): check the stage and run rollback`;
    }
    const other = await (0,_load_stage_js__WEBPACK_IMPORTED_MODULE_1__/* .describeCanary */ .Wi)(ctx, w.hit);
    const reason = `conflict: ${other} replaced this step's canary ${w.aimedAt} just before the increase to ${(0,_core_stage_js__WEBPACK_IMPORTED_MODULE_3__/* .pct */ .Oe)(w.percent)} reached it${undone}. This run changes nothing more; use a workflow concurrency group per stage.`;
    (0,_timeline_js__WEBPACK_IMPORTED_MODULE_2__/* .mark */ .G)(ctx, 'conflict', reason, (0,_core_stage_js__WEBPACK_IMPORTED_MODULE_3__/* .trafficOf */ .t7)(ctx.run.stage));
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConflictError */ .fK(reason);
}
/**
 * Removes the canary settings. If the call fails, the stage is read again: a
 * retried removal whose first answer was lost finds nothing left to remove,
 * and that is the outcome wanted.
 */
async function removeCanarySettings(ctx) {
    try {
        ctx.run.stage = await ctx.api.updateStage((0,_core_patch_js__WEBPACK_IMPORTED_MODULE_4__/* .removeCanaryOps */ .nu)());
    }
    catch (err) {
        const state = await ctx.api.getStage();
        if (state.canary || state.leftover)
            throw err;
        ctx.log.info(`The canary settings are gone (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(err)} came after they were removed).`);
        ctx.run.stage = state;
    }
    return ctx.run.stage;
}
/**
 * Before a traffic change in a run that already changed it: the canary must
 * still be the one this run is driving, at the traffic it set. Otherwise
 * another run (or a person) changed it, and this run stops without touching it.
 */
async function checkNoConflict(ctx, expected) {
    const state = await ctx.api.getStage();
    ctx.run.stage = state;
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
