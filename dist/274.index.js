export const id = 274;
export const ids = [274];
export const modules = {

/***/ 3274:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   lambdaClients: () => (/* binding */ lambdaClients),
/* harmony export */   readBackendsWithClients: () => (/* binding */ readBackendsWithClients)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_lambda__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1696);
/* harmony import */ var _aws_clients_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(201);
/* harmony import */ var _aws_deadline_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7969);
/* harmony import */ var _aws_explain_error_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6221);
/* harmony import */ var _aws_reads_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9864);
/**
 * Lambda clients for the backend check, one per region a function lives in,
 * made only when the check runs (preflight, or deploy after an import).
 */





/** A Lambda client per region, made on first use; `destroy` closes them all. */
function lambdaClients(options, log) {
    const made = new Map();
    return {
        lambdaIn(region) {
            let l = made.get(region);
            if (!l) {
                l = (0,_aws_deadline_js__WEBPACK_IMPORTED_MODULE_1__/* .boundCalls */ .uw)(new _aws_sdk_client_lambda__WEBPACK_IMPORTED_MODULE_4__/* .LambdaClient */ .Nox({ ...options.sdk, region }), options.callMs, options.attemptMs);
                (0,_aws_explain_error_js__WEBPACK_IMPORTED_MODULE_2__/* .tagOperations */ .vr)(l);
                if (log)
                    (0,_aws_clients_js__WEBPACK_IMPORTED_MODULE_0__/* .traceCalls */ .dr)(l, log);
                made.set(region, l);
            }
            return l;
        },
        destroy: () => made.forEach((l) => l.destroy())
    };
}
async function readBackendsWithClients(clients, options, q, log) {
    const l = lambdaClients(options, log);
    try {
        return await (0,_aws_reads_js__WEBPACK_IMPORTED_MODULE_3__/* .readBackends */ .kd)(clients.apigateway, l.lambdaIn, q);
    }
    finally {
        l.destroy();
    }
}


/***/ }),

/***/ 9864:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   kd: () => (/* binding */ readBackends)
/* harmony export */ });
/* unused harmony exports readIntegrations, readLambda */
/* harmony import */ var _aws_explain_error_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6221);
/* harmony import */ var _aws_sdk_client_api_gateway__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(818);
/* harmony import */ var _aws_sdk_client_lambda__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1696);
/* harmony import */ var _preflight_types_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2626);
/* harmony import */ var _preflight_aws_dns_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8884);
/* harmony import */ var _targets_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(9731);
/* harmony import */ var _aws_pages_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(701);
/**
 * The backend check's reads (docs/preflight.md#7-backends): the API's
 * integrations (GetResources with its methods embedded, paged with a bound),
 * then per Lambda function the integrations name, the function, its alias or
 * version, and its resource policy. Never a write. A read the role may not
 * make is Denied, naming the IAM action; a missing resource is `missing`.
 */







/** GetResources pages of 500: an API has at most 300 resources by default. */
const MAX_PAGES = 20;
/** Functions whose reads (3 calls each) run at once. */
const LAMBDA_READS_AT_ONCE = 4;
/** Every method's integration of the API, as `deploy` snapshots it. */
async function readIntegrations(gw, restApiId, signal) {
    const out = [];
    // Through the shared bound: an API past it fails the read rather than pass on a partial check.
    await (0,_aws_pages_js__WEBPACK_IMPORTED_MODULE_2__/* .pages */ .Bd)('GetResources', async (position) => (await gw.send(new _aws_sdk_client_api_gateway__WEBPACK_IMPORTED_MODULE_3__/* .GetResourcesCommand */ .zR8({ restApiId, embed: ['methods'], limit: 500, position }), signal ? { abortSignal: signal } : {})) ?? {}, (r) => r.position, (r) => {
        for (const res of r.items ?? []) {
            for (const [method, m] of Object.entries(res.resourceMethods ?? {})) {
                const i = m.methodIntegration;
                if (!i?.type)
                    continue;
                out.push({
                    path: res.path ?? '/',
                    method: m.httpMethod ?? method,
                    type: i.type,
                    ...(i.uri ? { uri: i.uri } : {}),
                    ...(i.connectionType ? { connectionType: i.connectionType } : {}),
                    ...(i.connectionId ? { connectionId: i.connectionId } : {}),
                    ...(i.credentials ? { credentials: i.credentials } : {})
                });
            }
        }
    }, MAX_PAGES);
    return out;
}
/** Found, missing or denied: one Lambda read. */
async function probe(action, read) {
    const r = await (0,_preflight_aws_dns_js__WEBPACK_IMPORTED_MODULE_4__/* .orDenied */ .Ty)(action, async () => {
        try {
            await read();
            return 'found';
        }
        catch (err) {
            if ((0,_aws_explain_error_js__WEBPACK_IMPORTED_MODULE_0__/* .isNotFound */ .c4)(err))
                return 'missing';
            throw err;
        }
    });
    return r;
}
/** The function, its alias or version, and the qualified function's resource policy. */
async function readLambda(lambda, t) {
    const unqualified = t.arn.split(':').slice(0, 7).join(':');
    const fn = await (0,_preflight_aws_dns_js__WEBPACK_IMPORTED_MODULE_4__/* .orDenied */ .Ty)('lambda:GetFunction', async () => {
        try {
            const r = await lambda.send(new _aws_sdk_client_lambda__WEBPACK_IMPORTED_MODULE_5__/* .GetFunctionCommand */ .YF5({ FunctionName: unqualified }));
            return { arn: r?.Configuration?.FunctionArn ?? unqualified };
        }
        catch (err) {
            if ((0,_aws_explain_error_js__WEBPACK_IMPORTED_MODULE_0__/* .isNotFound */ .c4)(err))
                return 'missing';
            throw err;
        }
    });
    if (fn === 'missing' || (0,_preflight_types_js__WEBPACK_IMPORTED_MODULE_1__/* .isDenied */ .GZ)(fn))
        return { fn, policy: [] };
    const q = t.qualifier;
    const qualifier = q === undefined
        ? undefined
        : /^\d+$/.test(q)
            ? await probe('lambda:GetFunction', () => lambda.send(new _aws_sdk_client_lambda__WEBPACK_IMPORTED_MODULE_5__/* .GetFunctionCommand */ .YF5({ FunctionName: unqualified, Qualifier: q })))
            : await probe('lambda:GetAlias', () => lambda.send(new _aws_sdk_client_lambda__WEBPACK_IMPORTED_MODULE_5__/* .GetAliasCommand */ .MES({ FunctionName: unqualified, Name: q })));
    if (qualifier === 'missing')
        return { fn, qualifier, policy: [] };
    const policy = await (0,_preflight_aws_dns_js__WEBPACK_IMPORTED_MODULE_4__/* .orDenied */ .Ty)('lambda:GetPolicy', async () => {
        try {
            const r = await lambda.send(new _aws_sdk_client_lambda__WEBPACK_IMPORTED_MODULE_5__/* .GetPolicyCommand */ .s4W({ FunctionName: unqualified, ...(q ? { Qualifier: q } : {}) }));
            const doc = JSON.parse(r?.Policy ?? '{}');
            const st = doc.Statement;
            return (Array.isArray(st) ? st : st ? [st] : []);
        }
        catch (err) {
            // No policy at all: nothing lets API Gateway in.
            if ((0,_aws_explain_error_js__WEBPACK_IMPORTED_MODULE_0__/* .isNotFound */ .c4)(err))
                return [];
            throw err;
        }
    });
    return { fn, ...(qualifier !== undefined ? { qualifier } : {}), policy };
}
/** Every read the backend check needs; `lambdaIn(region)` gives a Lambda client for a region. */
async function readBackends(gw, lambdaIn, q) {
    const integrations = await (0,_preflight_aws_dns_js__WEBPACK_IMPORTED_MODULE_4__/* .orDenied */ .Ty)('apigateway:GET on /restapis/*/resources', () => readIntegrations(gw, q.restApiId));
    const lambdas = {};
    if (!(0,_preflight_types_js__WEBPACK_IMPORTED_MODULE_1__/* .isDenied */ .GZ)(integrations)) {
        const targets = new Map();
        for (const b of (0,_targets_js__WEBPACK_IMPORTED_MODULE_6__/* .backendsOf */ .dc)(integrations, q.stageVariables, q.overrides))
            for (const t of [b.stable, b.canary])
                if (t.kind === 'lambda')
                    targets.set(t.arn, t);
        // A few functions at a time: Lambda's control-plane reads are throttled per account.
        const all = [...targets.values()];
        for (let i = 0; i < all.length; i += LAMBDA_READS_AT_ONCE) {
            const batch = all.slice(i, i + LAMBDA_READS_AT_ONCE);
            const read = await Promise.all(batch.map((t) => readLambda(lambdaIn(t.region), t)));
            batch.forEach((t, k) => (lambdas[t.arn] = read[k]));
        }
    }
    return { integrations, stageVariables: q.stageVariables, overrides: q.overrides, lambdas };
}


/***/ }),

/***/ 8884:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $B: () => (/* binding */ bare),
/* harmony export */   T3: () => (/* binding */ readRecords),
/* harmony export */   Ty: () => (/* binding */ orDenied),
/* harmony export */   w7: () => (/* binding */ isAccessDenied)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_route_53__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8621);
/* harmony import */ var _aws_pages_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(701);
/** Preflight's Route 53 reads: the zone holding a custom domain, and its records for that name. */


const recordInfo = (s) => ({
    name: s.Name ?? '',
    type: s.Type ?? '',
    ...(s.SetIdentifier !== undefined ? { setIdentifier: s.SetIdentifier } : {}),
    ...(s.Weight !== undefined ? { weight: s.Weight } : {}),
    ...(s.TTL !== undefined ? { ttl: s.TTL } : {}),
    ...(s.ResourceRecords ? { values: s.ResourceRecords.map((v) => v.Value ?? '') } : {}),
    ...(s.AliasTarget
        ? {
            aliasTarget: {
                hostedZoneId: s.AliasTarget.HostedZoneId ?? '',
                dnsName: s.AliasTarget.DNSName ?? ''
            }
        }
        : {})
});
const isAccessDenied = (err) => {
    const e = err;
    return (e?.name === 'AccessDenied' ||
        e?.name === 'AccessDeniedException' ||
        e?.$metadata?.httpStatusCode === 403);
};
/** The read's answer, or Denied naming the IAM action when the role may not make it. */
async function orDenied(action, read) {
    try {
        return await read();
    }
    catch (err) {
        if (isAccessDenied(err))
            return { denied: action };
        throw err;
    }
}
const bare = (name) => name.toLowerCase().replace(/\.$/, '');
/** The public hosted zone that holds `domain`: the longest suffix with a zone of its own. */
async function zoneOf(r53, domain) {
    const labels = bare(domain).split('.');
    const suffixes = labels.slice(0, -1).map((_, i) => labels.slice(i).join('.'));
    const zones = await Promise.all(suffixes.map(async (s) => {
        const r = (await r53.send(new _aws_sdk_client_route_53__WEBPACK_IMPORTED_MODULE_0__/* .ListHostedZonesByNameCommand */ .agy({ DNSName: s, MaxItems: 1 }))) ?? {};
        const z = r.HostedZones?.[0];
        return z && bare(z.Name ?? '') === s && !z.Config?.PrivateZone ? z.Id : undefined;
    }));
    return zones.find((z) => z !== undefined)?.replace(/^\/hostedzone\//, '');
}
/** The records named `domain` in the zone, every page. */
async function recordsOf(r53, zoneId, domain) {
    const out = [];
    // Route 53's next page starts at a record (name, type, set identifier): that triple is the token.
    await (0,_aws_pages_js__WEBPACK_IMPORTED_MODULE_1__/* .pages */ .Bd)('ListResourceRecordSets', async (token) => {
        const next = token
            ? JSON.parse(token)
            : { name: domain };
        return ((await r53.send(new _aws_sdk_client_route_53__WEBPACK_IMPORTED_MODULE_0__/* .ListResourceRecordSetsCommand */ .IOz({
            HostedZoneId: zoneId,
            StartRecordName: next.name,
            StartRecordType: next.type,
            StartRecordIdentifier: next.id
        }))) ?? {});
    }, (r) => {
        const last = r.ResourceRecordSets?.at(-1);
        if (!r.IsTruncated || (last && bare(last.Name ?? '') !== bare(domain)))
            return undefined;
        return JSON.stringify({
            name: r.NextRecordName,
            type: r.NextRecordType,
            id: r.NextRecordIdentifier
        });
    }, (r) => {
        for (const s of r.ResourceRecordSets ?? []) {
            if (bare(s.Name ?? '') !== bare(domain))
                continue;
            out.push(recordInfo(s));
        }
    });
    return out;
}
async function readRecords(r53, zoneInput, domain) {
    if (!r53)
        return undefined;
    const zone = zoneInput
        ? zoneInput.replace(/^\/hostedzone\//, '')
        : await orDenied('route53:ListHostedZonesByName', () => zoneOf(r53, domain));
    if (zone === undefined || typeof zone !== 'string')
        return zone;
    return orDenied('route53:ListResourceRecordSets', () => recordsOf(r53, zone, domain));
}


/***/ })

};
