export const id = 661;
export const ids = [661];
export const modules = {

/***/ 9661:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  RACE_SETTLE_MS: () => (/* binding */ RACE_SETTLE_MS),
  deploy: () => (/* binding */ deploy)
});

// EXTERNAL MODULE: ./src/core/decide.ts
var decide = __webpack_require__(3396);
// EXTERNAL MODULE: ./src/steps/bake.ts + 8 modules
var bake = __webpack_require__(279);
// EXTERNAL MODULE: ./src/steps/dry-run-text.ts
var dry_run_text = __webpack_require__(6993);
// EXTERNAL MODULE: ./src/steps/timeline.ts
var timeline = __webpack_require__(181);
// EXTERNAL MODULE: ./src/core/description.ts
var core_description = __webpack_require__(8540);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(4533);
// EXTERNAL MODULE: ./src/core/stage.ts
var stage = __webpack_require__(144);
// EXTERNAL MODULE: ./src/steps/alarm-rollback.ts
var alarm_rollback = __webpack_require__(38);
// EXTERNAL MODULE: ./src/core/patch.ts
var patch = __webpack_require__(5452);
// EXTERNAL MODULE: ./src/core/duration.ts
var duration = __webpack_require__(3816);
// EXTERNAL MODULE: ./src/steps/load-stage.ts
var load_stage = __webpack_require__(8617);
;// CONCATENATED MODULE: ./src/steps/create-canary.ts





/** CreateDeployment's account quota: one request every 5 s, shared by every deploy in the account and region. */
const CREATE_THROTTLE_WAIT_MS = 5_000;
/**
 * How long deploy keeps trying a throttled CreateDeployment: room for about
 * 60 deploys queued in one account at once. A throttled call created nothing,
 * so waiting longer never risks a second deployment.
 */
const CREATE_QUOTA_BUDGET_MS = 5 * 60_000;
/**
 * The wait after a throttled CreateDeployment: 1-5 s at random. Waiting the
 * quota's whole 5 s makes parallel deploys throttled together retry together
 * and collide again; random waits spread them so the next free slot goes to
 * whoever asks first.
 */
function quotaWaitMs(random = Math.random) {
    return Math.round(1_000 + random() * 4_000);
}
function statusOf(err) {
    return err?.$metadata?.httpStatusCode;
}
/** Throttled: the request was refused, so nothing was created and it can be sent again. */
function isThrottle(err) {
    const name = err?.name;
    return (name === 'TooManyRequestsException' ||
        name === 'LimitExceededException' ||
        statusOf(err) === 429);
}
/**
 * Ambiguous: no answer, or a server-side failure; the deployment may or may
 * not exist. Any other 4xx is a definite refusal.
 */
function isAmbiguous(err) {
    const status = statusOf(err);
    return status === undefined || status >= 500;
}
/**
 * Creates the canary deployment without ever making two: CreateDeployment is
 * sent with one SDK attempt; a throttle waits and sends again; an ambiguous
 * failure re-reads the stage (and the deployments) before deciding, adopts a
 * deployment this step made whose answer was lost (the description carries
 * the step's id), and sends again only after a second look 5 s later.
 * `replacing` is the canary the step decided to replace, if any.
 */
async function createCanary(ctx, c, replacing) {
    const { api, log, cfg } = ctx;
    /** This step's deployment, attached as the canary or not; undefined when there is none. */
    const findMine = async () => {
        const state = await (0,load_stage/* loadStage */.xk)(ctx);
        const other = state.canary;
        if (other && (await api.deploymentDescription(other.deploymentId)) === c.description) {
            log.info(`The deployment was created: canary ${other.deploymentId} carries this step's description.`);
            return other.deploymentId;
        }
        if (other &&
            other.deploymentId !== replacing &&
            other.percent > 0 &&
            cfg.ifCanaryExists === 'fail') {
            // Another run owns the stage now: a conflict, and nothing of it is touched.
            throw new errors/* ConflictError */.fK(`deploy refused: while this step's CreateDeployment went unanswered, another canary appeared: ${await (0,load_stage/* describeCanary */.Wi)(ctx, other.deploymentId)} at ${(0,stage/* pct */.Oe)(other.percent)}. It is left as it is; promote or roll it back, then re-run this job.`);
        }
        const orphan = await api.findDeployment(c.description);
        if (orphan) {
            log.info(`Deployment ${orphan} was created but not attached: attaching it as the canary.`);
            ctx.report.after = await api.updateStage((0,patch/* attachCanaryOps */.Sw)(orphan, c.percent, c.overrides, c.useStageCache));
            return orphan;
        }
        return undefined;
    };
    let lastErr;
    const throttledSince = { times: 0 };
    for (let attempt = 1; attempt <= cfg.maxAttempts;) {
        // A cancelled step creates nothing more.
        if (ctx.signal.aborted)
            throw ctx.signal.reason;
        ctx.report.createInFlight = true;
        try {
            return await api.createCanaryDeployment(c);
        }
        catch (err) {
            // Cancelled while the call was out: recovery re-reads the stage and takes back what it made.
            if (ctx.signal.aborted)
                throw ctx.signal.reason;
            lastErr = err;
            // A throttle or another clear refusal: nothing was created.
            if (!isAmbiguous(err))
                ctx.report.createInFlight = false;
            if (isThrottle(err)) {
                // Throttles are waited out on a time budget, not counted as attempts.
                const now = ctx.clock.now();
                throttledSince.at ??= now;
                throttledSince.times++;
                const waited = now - throttledSince.at;
                if (waited >= CREATE_QUOTA_BUDGET_MS) {
                    throw new errors/* StateError */.qq(`CreateDeployment was throttled ${throttledSince.times} times over ${(0,duration/* formatDuration */.a)(waited)} by the account's deployment quota (one CreateDeployment every 5 s per account and region, shared by every deploy there); nothing was created. Re-run this job once the other deploys are done; it will work.`);
                }
                const wait = quotaWaitMs();
                log.warning(`CreateDeployment throttled by the account's deployment quota (${throttledSince.times} so far${waited >= 1000 ? `, over ${(0,duration/* formatDuration */.a)(waited)}` : ''}): ${(0,errors/* errorMessage */.gJ)(err)}; trying again in ${(0,duration/* formatDuration */.a)(wait)}`);
                await ctx.sleep(wait, ctx.signal);
                continue;
            }
            attempt++;
            if (!isAmbiguous(err))
                throw err;
            log.warning(`CreateDeployment failed without a clear answer (${(0,errors/* errorMessage */.gJ)(err)}): re-reading the stage before deciding.`);
            const found = await findMine();
            if (found)
                return found;
            // A creation still in progress shows up a moment later; the quota wants the pause anyway.
            log.info(`No deployment of this step yet: looking again in ${CREATE_THROTTLE_WAIT_MS / 1000}s.`);
            await ctx.sleep(CREATE_THROTTLE_WAIT_MS, ctx.signal);
            const late = await findMine();
            if (late)
                return late;
            log.info('No deployment was created: sending CreateDeployment again.');
        }
    }
    throw lastErr;
}

// EXTERNAL MODULE: ./src/steps/traffic.ts
var traffic = __webpack_require__(8013);
// EXTERNAL MODULE: ./src/steps/alarm-gate.ts
var alarm_gate = __webpack_require__(1053);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ../../main/node_modules/yaml/dist/index.js
var dist = __webpack_require__(3645);
;// CONCATENATED MODULE: ./src/steps/import-definition.ts
/**
 * deploy from an OpenAPI definition: read and check the file before any
 * change, then import it (PutRestApi) just before the canary deployment
 * (docs/usage.md#deploy-from-an-openapi-definition).
 */





/** API Gateway's limit on an imported definition. */
const MAX_DEFINITION_BYTES = 6 * 1024 * 1024;
const NAME = 'openapi-file';
const refuse = (message) => {
    throw new errors/* InputError */.dz(NAME, `Input '${NAME}' ${message}`);
};
/** The file named by openapi-file, checked: in the workspace, at most 6 MB, an OpenAPI 2.0 or 3.0 definition in JSON or YAML. */
function readDefinition(ctx, workspace = process.env.GITHUB_WORKSPACE || process.cwd()) {
    const { cfg } = ctx;
    const file = cfg.openapiFile;
    if (file === undefined)
        return undefined;
    const path = (0,external_node_path_.resolve)(workspace, file);
    const inside = (0,external_node_path_.relative)((0,external_node_path_.resolve)(workspace), path);
    if (inside.startsWith('..') || (0,external_node_path_.isAbsolute)(inside))
        refuse(`must be a path inside the workspace; got ${(0,errors/* shownValue */.JJ)(file)}.`);
    let size;
    try {
        const st = (0,external_node_fs_.statSync)(path);
        if (!st.isFile())
            refuse(`must name a file; ${(0,errors/* shownValue */.JJ)(file)} is not one.`);
        size = st.size;
    }
    catch (err) {
        if (err instanceof errors/* InputError */.dz)
            throw err;
        return refuse(`must name a file in the workspace; ${(0,errors/* shownValue */.JJ)(file)} does not exist.`);
    }
    if (size > MAX_DEFINITION_BYTES)
        refuse(`must be at most 6 MB (API Gateway's import limit); ${(0,errors/* shownValue */.JJ)(file)} is ${(size / 1024 / 1024).toFixed(1)} MB.`);
    const body = (0,external_node_fs_.readFileSync)(path);
    let doc;
    try {
        const text = body.toString('utf8');
        doc = /^\s*\{/.test(text) ? JSON.parse(text) : (0,dist/* parse */.qg)(text);
    }
    catch {
        doc = undefined;
    }
    const o = doc;
    if (typeof o !== 'object' || o === null || (o.openapi === undefined && o.swagger === undefined))
        refuse(`must be an OpenAPI 2.0 or 3.0 definition in JSON or YAML; ${(0,errors/* shownValue */.JJ)(file)} is not one.`);
    return {
        file,
        body,
        sha256: (0,external_node_crypto_.createHash)('sha256').update(body).digest('hex'),
        mode: cfg.importMode,
        failOnWarnings: cfg.failOnWarnings,
        parameters: cfg.importParameters
    };
}
/** PutRestApi; a refusal is a one-line error, before any deployment (the stage is untouched). */
async function importDefinition(ctx, d) {
    let warnings;
    try {
        ;
        ({ warnings } = await ctx.api.putRestApi(d));
    }
    catch (err) {
        const why = (0,errors/* errorMessage */.gJ)(err).replace(/\s*\n\s*/g, '; ');
        throw new errors/* InputError */.dz(NAME, `Input '${NAME}': API Gateway refused ${(0,errors/* shownValue */.JJ)(d.file)} (${d.mode}): ${why}. Nothing was deployed; the stage is untouched.`);
    }
    for (const w of warnings)
        ctx.log.warning(`${d.file}: ${w}`, 'OpenAPI import warning');
}

;// CONCATENATED MODULE: ./src/commands/deploy.ts













/**
 * How long a deploy without a bake waits before reading its canary back. Two
 * deploys that both saw no canary both create; the later CreateDeployment
 * lands within about one round trip of the earlier one, and this wait lets the
 * earlier deploy see that its canary was replaced, and fail saying by whom.
 */
const RACE_SETTLE_MS = 2_000;
/** Reads the stage and what its deployments record, and decides (decideDeploy). */
async function readAndDecide(ctx) {
    const { api } = ctx;
    const state = await (0,load_stage/* loadStage */.xk)(ctx);
    const hasCommit = ctx.provenance.sha !== undefined && ctx.provenance.repository !== undefined;
    const canaryDesc = state.canary
        ? await (0,load_stage/* loadCanaryCommit */.GE)(ctx, state.canary.deploymentId)
        : undefined;
    const canarySame = hasCommit && (0,core_description/* sameCommit */.Kd)(canaryDesc, ctx.provenance);
    const stableSame = hasCommit && !state.canary && state.stableDeploymentId !== ''
        ? (0,core_description/* sameCommit */.Kd)(await api.deploymentDescription(state.stableDeploymentId), ctx.provenance)
        : false;
    return (0,decide/* decideDeploy */.mZ)(state, canarySame, stableSame, ctx.cfg.ifCanaryExists, (0,core_description/* commitOf */.D3)(canaryDesc));
}
/** A new deployment as the stage's canary, once per commit. */
async function deploy(ctx) {
    const { cfg, log, api } = ctx;
    // An OpenAPI file is checked before anything else, and imported just before the deployment.
    const definition = readDefinition(ctx);
    const description = (0,core_description/* buildDescription */.PQ)(cfg.description, ctx.provenance, ctx.stepId, definition?.sha256);
    const percent = cfg.percent === undefined ? cfg.steps[0] : cfg.percent;
    let decision = await log.group('Read stage', () => readAndDecide(ctx));
    if (decision.kind === 'create') {
        // Deciding took a gate's read: look again just before creating, so that a
        // canary another run made meanwhile is seen, not silently replaced.
        const seen = decision.replacing?.deploymentId;
        decision = await log.group('Gate and re-read stage', async () => {
            await (0,alarm_gate/* gate */.Gj)(ctx, `a new canary at ${(0,stage/* pct */.Oe)(percent)}`);
            const again = await api.getStage();
            if (again.canary?.deploymentId === seen)
                return decision;
            log.info('The canary changed while this step decided: deciding again.');
            return readAndDecide(ctx);
        });
    }
    if (decision.kind === 'noop') {
        log.info(`Nothing to deploy: ${decision.why}. No deployment was created.`);
        const c = ctx.report.after?.canary;
        if (c && c.percent === 0) {
            log.warning(`The canary for this commit is at 0% (rolled back). deploy leaves it there: shift sends it traffic again, a new commit deploys a fix.`, 'Canary for this commit is at 0%');
        }
        // A re-run whose first run did not finish its bake watches the canary it finds.
        if (c && c.percent > 0)
            await bakeAndConfirm(ctx, c.deploymentId, c.percent);
        return;
    }
    if (decision.kind === 'refuse')
        throw new errors/* StateError */.qq(`deploy refused: ${decision.why}`);
    const replacing = decision.replacing;
    await log.group(`Deploy canary at ${(0,stage/* pct */.Oe)(percent)}`, async () => {
        if (replacing) {
            const was = `canary ${replacing.deploymentId} (${(0,stage/* pct */.Oe)(replacing.percent)})`;
            log.info((0,dry_run_text/* said */.ag)(cfg.dryRun, `Replacing ${was}.`, `would replace ${was}.`));
        }
        if (definition)
            await importDefinition(ctx, definition);
        const id = await createCanary(ctx, {
            description,
            percent,
            overrides: cfg.stageVariableOverrides,
            useStageCache: cfg.useStageCache
        }, replacing?.deploymentId);
        ctx.report.drivenCanaryId = id;
        ctx.report.createInFlight = false;
        // A deploy that raced this one may land just after it: without a bake (whose
        // end checks the canary again), give it a moment to show before reading back.
        if (cfg.bakeTimeMs === 0 && !cfg.dryRun)
            await ctx.sleep(RACE_SETTLE_MS, ctx.signal);
        const state = await (0,load_stage/* loadStage */.xk)(ctx);
        if (state.canary?.deploymentId !== id) {
            // Another run's deployment replaced this one at once: theirs is left as it is.
            ctx.report.drivenCanaryId = undefined;
            const found = state.canary
                ? `${await (0,load_stage/* describeCanary */.Wi)(ctx, state.canary.deploymentId)} at ${(0,stage/* pct */.Oe)(state.canary.percent)}`
                : 'no canary';
            const reason = `conflict: this step created canary deployment ${id}, but the stage's canary is now ${found}: another run deployed at the same moment. That canary is left as it is; this commit serves no traffic. Use a workflow concurrency group per stage, then re-run this job.`;
            (0,timeline/* mark */.G)(ctx, 'conflict', reason, (0,stage/* trafficOf */.t7)(state));
            throw new errors/* ConflictError */.fK(reason);
        }
        // A dry run created nothing: the canary, if any, is still the one it found.
        if (!cfg.dryRun) {
            ctx.report.canaryDescription = description;
            ctx.report.canaryCommit = (0,core_description/* commitOf */.D3)(description)?.sha;
        }
        (0,timeline/* mark */.G)(ctx, 'deploy', `canary deployment ${id} created at ${(0,stage/* pct */.Oe)(percent)}`, state.canary?.percent ?? percent);
        const share = `${(0,stage/* pct */.Oe)(state.canary?.percent ?? percent)} of ${cfg.stage}'s traffic`;
        log.info((0,dry_run_text/* said */.ag)(cfg.dryRun, `Canary deployment ${id} serves ${share}.`, `the new canary deployment would serve ${share}.`));
    });
    const canary = ctx.report.after?.canary;
    if (canary)
        await bakeAndConfirm(ctx, canary.deploymentId, percent);
}
/** With bake-time: watch the canary, act on an alarm, and confirm nobody changed it meanwhile. */
async function bakeAndConfirm(ctx, deploymentId, percent) {
    const { cfg, log } = ctx;
    if (cfg.bakeTimeMs <= 0 || cfg.dryRun)
        return;
    const result = await log.group(`Bake at ${(0,stage/* pct */.Oe)(percent)}`, () => (0,bake/* bake */.W)(ctx, cfg.bakeTimeMs, percent));
    await (0,alarm_rollback/* actOnBake */.NJ)(ctx, result);
    // Nobody changed the canary while this step watched it (and the outputs tell the truth).
    await (0,traffic/* checkNoConflict */.uD)(ctx, { deploymentId, percent });
}


/***/ })

};
