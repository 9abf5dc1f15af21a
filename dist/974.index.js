export const id = 974;
export const ids = [974];
export const modules = {

/***/ 7974:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createDeploymentsClient: () => (/* binding */ createDeploymentsClient)
});

// UNUSED EXPORTS: DEPLOYMENT_TASK, MAX_STATUS_DESCRIPTION, sameRelease, whyFailed

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 21 modules
var github = __webpack_require__(1758);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(9735);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var plugin_throttling_dist_bundle = __webpack_require__(6856);
// EXTERNAL MODULE: ./src/deployment-record/record.ts
var record = __webpack_require__(1918);
;// CONCATENATED MODULE: ./src/deployment-record/github-errors.ts

/** One line of at most 300 characters of text GitHub sent (it may carry anything). */
const oneLine = (s) => (0,record/* cutDescription */.zs)([...s].map((c) => (c < ' ' || c === '\u007f' ? ' ' : c)).join(''), 300);
/** A response header as the warning shows it: one line, at most 100 characters. */
const headerText = (s) => s === undefined ? undefined : oneLine(s).slice(0, 100);
/**
 * A request's headers never appear: undici's error for a header value it
 * refuses quotes the whole value (`Authorization: token ...`).
 */
const withoutHeaderValues = (s) => s.replace(/"[\s\S]*" is an invalid header value/g, 'a request header value is invalid (not shown)');
/** Why a GitHub call failed, as one line for a warning. */
function whyFailed(e, repository) {
    const err = (e ?? {});
    const raw = err.response?.headers ?? {};
    const headers = (name) => headerText(raw[name]);
    const data = err.response?.data;
    const said = oneLine(typeof data?.message === 'string'
        ? data.message +
            (Array.isArray(data.errors)
                ? data.errors
                    .map((x) => typeof x?.message === 'string' ? `: ${x.message}` : '')
                    .join('')
                : '')
        : withoutHeaderValues(err.message ?? String(e)));
    const status = err.status;
    if (err.name === 'AbortError' || err.name === 'TimeoutError')
        return said;
    if (status === 401)
        return `GitHub refused the token (401 ${said}): check the github-token input.`;
    if ((status === 403 || status === 429) && headers('x-ratelimit-remaining') === '0') {
        const reset = Number(headers('x-ratelimit-reset'));
        const at = Number.isFinite(reset) && reset > 0 ? ` until ${new Date(reset * 1000).toISOString()}` : '';
        return `GitHub's API rate limit for this token is used up${at} (${status} ${said}).`;
    }
    if ((status === 403 || status === 429) && /secondary rate limit/i.test(said))
        return `GitHub's secondary rate limit (${status}), retry after ${headers('retry-after') ?? '?'} s: ${said}`;
    if (status === 403) {
        const needed = headers('x-accepted-github-permissions') ?? 'deployments=write';
        return `The token may not write deployments of ${repository} (403 ${said}): give the job \`permissions: deployments: write\` (GitHub asks for ${needed}).`;
    }
    if (status === 404)
        return `GitHub answered 404 for ${repository} (${said}): the repository is not visible to the token, or the deployment is gone.`;
    if (status !== undefined && status >= 400 && status < 500)
        return `GitHub refused (${status} ${said}).`;
    // @octokit/request gives a dropped connection status 500 too, but no response.
    if (status !== undefined && status >= 500 && err.response)
        return `GitHub failed (${status} ${said}) after its retries.`;
    return `GitHub could not be reached (${said}).`;
}

;// CONCATENATED MODULE: ./src/deployment-record/github-trace.ts
function traceRequests(octokit, debug) {
    octokit.hook.wrap('request', async (request, options) => {
        const what = `${options.method} ${options.url}`;
        const started = performance.now();
        const took = () => `${Math.round(performance.now() - started)} ms`;
        try {
            const res = await request(options);
            debug(`${what}: ${res.status} in ${took()}`);
            return res;
        }
        catch (e) {
            const status = e.status;
            debug(`${what}: failed${status ? ` (${status})` : ''} after ${took()}`);
            throw e;
        }
    });
    return octokit;
}

;// CONCATENATED MODULE: ./src/deployment-record/github-client.ts
/**
 * GitHub Deployments for a release: create the deployment of a commit, find it
 * again in a later step, post its statuses. GitHub is a record, not the
 * release: every function resolves to `{ ok: true, value }` or to
 * `{ ok: false, why }` (one line for a warning), never throws, and gives up
 * within its time budget so GitHub never holds up the AWS work.
 *
 * Octokit comes from @actions/github (GITHUB_API_URL, the runner's proxy
 * settings), with @octokit/plugin-retry (5xx and dropped connections, a few
 * short retries) and @octokit/plugin-throttling (primary and secondary rate
 * limits: one retry when the wait fits in the budget, and GitHub's
 * recommended one second between writes).
 */








/** The task of the action's deployments (GitHub's default is `deploy`). */
const DEPLOYMENT_TASK = 'deploy:canary';
/** GitHub's limit on a status description. */
const MAX_STATUS_DESCRIPTION = (/* unused pure expression or super */ null && (MAX_DESCRIPTION));
/** Pages read when looking for a deployment (100 each), newest first. */
const MAX_PAGES = 5;
const PER_PAGE = 100;
const asPayload = (p) => p && typeof p === 'object' ? p : {};
/** Whether a GitHub deployment's payload is this release's. */
function sameRelease(p, r) {
    const q = asPayload(p);
    return (q.canaryDeploymentId === r.canaryDeploymentId &&
        q.restApiId === r.restApiId &&
        q.stage === r.stage &&
        q.region === r.region);
}
/** A write group that runs at once (Bottleneck.Group's interface, as the throttling plugin uses it). */
const UNSPACED = {
    key: () => ({
        schedule: (...args) => {
            const i = args.findIndex((a) => typeof a === 'function');
            return args[i](...args.slice(i + 1));
        }
    })
};
function createDeploymentsClient(opts) {
    const [owner = '', repo = ''] = opts.repository.split('/');
    const oneMs = opts.budgetMs ?? 20_000;
    const end = opts.totalMs === undefined ? Infinity : performance.now() + opts.totalMs;
    const secondMs = opts.rateLimitSecondMs ?? 1000;
    const debug = opts.debug ?? (() => { });
    // A rate-limit wait is taken once, and only when it ends before the call's budget does.
    const waitFits = (retryAfter, options, _octokit, retryCount) => retryCount < 1 &&
        Date.now() + retryAfter * secondMs <
            (options.request?.deadline ?? 0);
    const make = () => traceRequests(newOctokit(), debug);
    const newOctokit = () => (0,github/* getOctokit */.Q)(opts.token, {
        baseUrl: opts.baseUrl ?? process.env.GITHUB_API_URL ?? 'https://api.github.com',
        userAgent: 'apigw-canary',
        log: { debug, info: debug, warn: debug, error: debug },
        retry: {
            retries: opts.retries ?? 2,
            retryAfterBaseValue: opts.retryBaseMs ?? 500,
            // The throttling plugin answers rate limits (403/429), not this one.
            doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451]
        },
        throttle: {
            id: (0,external_node_crypto_.randomUUID)(),
            retryAfterBaseValue: secondMs,
            onRateLimit: waitFits,
            onSecondaryRateLimit: waitFits,
            ...(opts.spaceWrites === false ? { write: UNSPACED } : {})
        }
    }, dist_bundle/* retry */.L, plugin_throttling_dist_bundle/* throttling */.A);
    let octokit;
    /** Runs `fn` within the budget and the caller's signal; every failure becomes `{ ok: false }`. */
    async function bounded(what, fn) {
        const budgetMs = Math.max(0, Math.round(Math.min(oneMs, end - performance.now())));
        const timeout = AbortSignal.timeout(budgetMs);
        const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
        const deadline = Date.now() + budgetMs;
        let stop;
        const stopped = new Promise((resolve) => {
            stop = () => resolve({
                ok: false,
                why: opts.signal?.aborted
                    ? `${what}: cancelled.`
                    : `${what}: GitHub did not answer within ${Number((budgetMs / 1000).toFixed(1))} s.`
            });
            if (signal.aborted)
                stop();
            else
                signal.addEventListener('abort', stop, { once: true });
        });
        try {
            octokit ??= make();
            const o = octokit;
            const run = fn(o, { signal, deadline }).then((value) => ({ ok: true, value }), (e) => signal.aborted
                ? { ok: false, why: '' }
                : { ok: false, why: `${what}: ${whyFailed(e, opts.repository)}` });
            const r = await Promise.race([run, stopped]);
            return r.ok || r.why !== '' ? r : await stopped;
        }
        catch (e) {
            return { ok: false, why: `${what}: ${whyFailed(e, opts.repository)}` };
        }
        finally {
            if (stop)
                signal.removeEventListener('abort', stop);
        }
    }
    const toDeployment = (d) => ({
        id: d.id,
        sha: d.sha,
        environment: d.environment,
        payload: asPayload(d.payload)
    });
    const client = {
        createDeployment: (req) => bounded('Creating the GitHub deployment', async (o, request) => {
            const { data } = await o.rest.repos.createDeployment({
                owner,
                repo,
                ref: req.sha,
                task: DEPLOYMENT_TASK,
                auto_merge: false,
                required_contexts: [],
                payload: { ...req.release },
                environment: req.environment,
                description: req.description,
                transient_environment: false,
                production_environment: req.productionEnvironment,
                request
            });
            // 202 is GitHub's "merged the default branch into the ref first": never with auto_merge false.
            if (!('id' in data))
                throw new Error(`no deployment was created: ${data.message ?? ''}`);
            return toDeployment(data);
        }),
        findDeployment: (req) => bounded('Looking for the GitHub deployment', async (o, request) => {
            // Not octokit.paginate.iterator: it drops `request` (the abort signal), so a page
            // GitHub never answers would hold the process until undici's own timeout.
            const { sha, environment } = req;
            for (let page = 1; page <= MAX_PAGES; page++) {
                const q = { owner, repo, sha, environment, task: DEPLOYMENT_TASK, page, request };
                const { data } = await o.rest.repos.listDeployments({ ...q, per_page: PER_PAGE });
                const found = data.find((d) => sameRelease(d.payload, req.release));
                if (found)
                    return toDeployment(found);
                if (data.length < PER_PAGE)
                    break;
            }
            return undefined;
        }),
        async ensureDeployment(req) {
            const found = await client.findDeployment(req);
            if (!found.ok || found.value)
                return found;
            return client.createDeployment(req);
        },
        postStatus: (req) => bounded(`Posting the GitHub deployment status ${req.state}`, async (o, request) => {
            const { data } = await o.rest.repos.createDeploymentStatus({
                owner,
                repo,
                deployment_id: req.deploymentId,
                state: req.state,
                description: (0,record/* cutDescription */.zs)(req.description),
                ...(req.logUrl ? { log_url: req.logUrl } : {}),
                ...(req.environmentUrl ? { environment_url: req.environmentUrl } : {}),
                auto_inactive: req.autoInactive ?? true,
                request
            });
            return { id: data.id };
        })
    };
    return client;
}


/***/ })

};
