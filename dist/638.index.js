export const id = 638;
export const ids = [638];
export const modules = {

/***/ 7638:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MAX_DEFINITION_BYTES: () => (/* binding */ MAX_DEFINITION_BYTES),
/* harmony export */   importDefinition: () => (/* binding */ importDefinition),
/* harmony export */   readDefinition: () => (/* binding */ readDefinition)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _core_yaml_text_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9662);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3916);
/**
 * deploy from an OpenAPI definition: read and check the file before any
 * change, then import it (PutRestApi) just before the canary deployment
 * (docs/usage.md#deploy-from-an-openapi-definition).
 */





/** API Gateway's limit on an imported definition. */
const MAX_DEFINITION_BYTES = 6 * 1024 * 1024;
const NAME = 'openapi-file';
const refuse = (message) => {
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz(NAME, `Input '${NAME}' ${message}`);
};
/** Whether `path` is `dir` or below it (`..v2.yaml` is a name, not a way up). */
function within(dir, path) {
    const rel = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.relative)(dir, path);
    return rel === '' || (rel !== '..' && !rel.startsWith(`..${node_path__WEBPACK_IMPORTED_MODULE_2__.sep}`) && !(0,node_path__WEBPACK_IMPORTED_MODULE_2__.isAbsolute)(rel));
}
const realOrUndefined = (dir) => {
    try {
        return dir ? (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.realpathSync)(dir) : undefined;
    }
    catch {
        return undefined;
    }
};
/**
 * The file's real path (symlinks resolved), when it lies in the workspace or
 * in RUNNER_TEMP (where an earlier step may have generated it); else the
 * refusal. A relative path is taken from the workspace.
 */
function realFile(file, env) {
    const workspace = env.GITHUB_WORKSPACE || process.cwd();
    const roots = [workspace, env.RUNNER_TEMP].map(realOrUndefined).filter((d) => d !== undefined);
    const where = env.RUNNER_TEMP ? 'the workspace or RUNNER_TEMP' : 'the workspace';
    let real;
    try {
        real = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.realpathSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(workspace, file));
    }
    catch {
        return refuse(`must name a file in ${where}; ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .shownValue */ .JJ)(file)} does not exist.`);
    }
    if (!roots.some((root) => within(root, real)))
        refuse(`must be a file inside ${where} (after following symlinks); ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .shownValue */ .JJ)(file)} is not.`);
    return real;
}
/** Why `text` is not an OpenAPI 2.0 or 3.0 definition, undefined when it is one; its YAML warnings. */
function notOpenApi(text) {
    const isDefinition = (has) => has('openapi') || has('swagger');
    if (/^\s*\{/.test(text)) {
        let doc;
        try {
            doc = JSON.parse(text);
        }
        catch (err) {
            return { why: `is not valid JSON: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .cutText */ .IN)((0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .gJ)(err), 200)}`, warnings: [] };
        }
        const o = typeof doc === 'object' && doc !== null ? doc : {};
        return {
            why: isDefinition((k) => o[k] !== undefined) ? undefined : 'has no openapi or swagger field',
            warnings: []
        };
    }
    // The document itself, not its values: aliases are never expanded, so none is refused.
    const parsed = (0,_core_yaml_text_js__WEBPACK_IMPORTED_MODULE_3__/* .parseYamlText */ .cd)(text);
    if (!parsed.ok)
        return { why: `is not valid YAML: ${parsed.problem}`, warnings: [] };
    const { doc, warnings } = parsed;
    const map = typeof doc.contents === 'object' && doc.contents !== null && 'items' in doc.contents;
    const ok = map && isDefinition((k) => doc.has(k));
    return { why: ok ? undefined : 'has no openapi or swagger field at its top', warnings };
}
/**
 * The file named by openapi-file, checked before any AWS call: inside the
 * workspace or RUNNER_TEMP once symlinks are resolved, at most 6 MB, an
 * OpenAPI 2.0 or 3.0 definition in JSON or YAML.
 */
/** A file-system read whose failure (EACCES, removed since) is the input's one-line refusal. */
function readOr(file, read) {
    try {
        return read();
    }
    catch (err) {
        const code = err.code ?? 'error';
        return refuse(`could not be read: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .shownValue */ .JJ)(file)} (${code}).`);
    }
}
function readDefinition(cfg, env = process.env) {
    const file = cfg.openapiFile;
    if (file === undefined)
        return undefined;
    const path = realFile(file, env);
    const st = readOr(file, () => (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.statSync)(path));
    if (!st.isFile())
        refuse(`must name a file; ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .shownValue */ .JJ)(file)} is not one.`);
    if (st.size > MAX_DEFINITION_BYTES)
        refuse(`must be at most 6 MB (API Gateway's import limit); ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .shownValue */ .JJ)(file)} is ${(st.size / 1024 / 1024).toFixed(1)} MB.`);
    const body = readOr(file, () => (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(path));
    const { why, warnings } = notOpenApi(body.toString('utf8'));
    if (why)
        refuse(`must be an OpenAPI 2.0 or 3.0 definition in JSON or YAML; ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .shownValue */ .JJ)(file)} ${why}.`);
    const definition = {
        file,
        body,
        sha256: (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(body).digest('hex'),
        mode: cfg.importMode,
        failOnWarnings: cfg.failOnWarnings,
        parameters: cfg.importParameters
    };
    return { definition, warnings };
}
/** PutRestApi; a refusal is a one-line error, before any deployment (the stage is untouched). */
async function importDefinition(ctx, d) {
    let warnings;
    try {
        ;
        ({ warnings } = await ctx.api.putRestApi(d));
    }
    catch (err) {
        // Only API Gateway's refusal of the definition is about the input; a timeout, a throttle or
        // denied credentials keep their own explanation.
        if (err.name !== 'BadRequestException')
            throw err;
        const why = (0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .gJ)(err).replace(/\s*\n\s*/g, '; ');
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz(NAME, `Input '${NAME}': API Gateway refused ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .shownValue */ .JJ)(d.file)} (${d.mode}): ${why}. Nothing was deployed; the stage is untouched.`);
    }
    for (const w of warnings)
        ctx.log.warning(`${d.file}: ${w}`, 'OpenAPI import warning');
}


/***/ })

};
