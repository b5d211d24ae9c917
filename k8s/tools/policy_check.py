#!/usr/bin/env python3
"""Project rules for the rendered Kubernetes manifests (what a schema cannot check).

    policy_check.py --env base|staging|production --repo ROOT rendered.yaml

Fails (exit 1) on any ERROR; WARN lines (placeholders left in an overlay) do not fail.
Rules:
  every workload  automountServiceAccountToken false and its own ServiceAccount (also false);
                  runAsNonRoot; seccomp RuntimeDefault; per container allowPrivilegeEscalation
                  false, capabilities drop ALL (no add), not privileged, readOnlyRootFilesystem
                  (unless the pod is annotated epimorfosi/readonly-rootfs-exempt with a reason);
                  cpu+memory requests and limits; image pinned by tag (not latest) or digest;
                  no host namespaces or hostPath; configMaps/Secrets it references exist
                  (production: no Secret may be rendered at all - they are created outside git)
  our services    runAsUser 10001; emptyDirs at /tmp and /tmp/metrics; args web|worker|migrate;
                  web: port 8080 `http`, startup + liveness /livez + readiness /readyz probes,
                  Prometheus scrape annotations, a Service and a PodDisruptionBudget select it,
                  a NetworkPolicy lets the gateway in (the ingress controller, if public); a
                  worker Deployment and a migration Job exactly when k8s/services.toml says the
                  service has a worker and a database
  network         a default deny-all (ingress and egress) and a DNS egress policy; every pod
                  that listens is selected by an ingress-allowing policy
  overlays        a Namespace enforcing Pod Security "restricted"; a TLS Ingress for the gateway;
                  EPI_PRODUCTION=1; EPI_OIDC_ISSUER == KC_HOSTNAME + /realms/epimorfosi; the
                  imported realm equals identity/keycloak/realm-epimorfosi.json
  production      an HPA per web Deployment, and those Deployments leave replicas to it
"""
from __future__ import annotations

import argparse
import json
import sys
import tomllib
from pathlib import Path

import yaml

SERVICE_UID = 10001
EXEMPT_RO = "epimorfosi/readonly-rootfs-exempt"
REALM = "epimorfosi"
# Secrets that are never rendered from git, in any environment (operators create them).
EXTERNAL_SECRETS = {"identity-secrets"}
PLACEHOLDERS = (".example", "192.0.2.", "198.51.100.", "203.0.113.")


class Report:
    def __init__(self) -> None:
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def error(self, where: str, message: str) -> None:
        self.errors.append(f"ERROR {where}: {message}")

    def warn(self, where: str, message: str) -> None:
        self.warnings.append(f"WARN  {where}: {message}")


def matches(selector: dict | None, labels: dict) -> bool:
    """Kubernetes label selector semantics; an empty selector matches everything."""
    selector = selector or {}
    for k, v in (selector.get("matchLabels") or {}).items():
        if labels.get(k) != v:
            return False
    for expr in selector.get("matchExpressions") or []:
        key, op, values = expr["key"], expr["operator"], expr.get("values") or []
        if op == "In" and labels.get(key) not in values:
            return False
        if op == "NotIn" and labels.get(key) in values:
            return False
        if op == "Exists" and key not in labels:
            return False
        if op == "DoesNotExist" and key in labels:
            return False
    return True


def pod_template(obj: dict) -> dict | None:
    kind = obj["kind"]
    if kind in ("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"):
        return obj["spec"]["template"]
    if kind == "CronJob":
        return obj["spec"]["jobTemplate"]["spec"]["template"]
    if kind == "Pod":
        return obj
    return None


def image_pinned(image: str) -> bool:
    if "@sha256:" in image:
        return True
    last = image.rsplit("/", 1)[-1]
    return ":" in last and not last.endswith(":latest")


def load_services(repo: Path) -> dict[str, dict]:
    """Our services and their shape (worker, database, public), as deploy/manifests.py reads them."""
    return tomllib.loads((repo / "k8s" / "services.toml").read_text(encoding="utf-8"))["services"]


def check(objs: list[dict], env: str, repo: Path, r: Report) -> None:
    services = load_services(repo)
    by_kind: dict[str, dict[str, dict]] = {}
    for o in objs:
        by_kind.setdefault(o["kind"], {})[o["metadata"]["name"]] = o
    configmaps = by_kind.get("ConfigMap", {})
    secrets = by_kind.get("Secret", {})
    serviceaccounts = by_kind.get("ServiceAccount", {})
    policies = list(by_kind.get("NetworkPolicy", {}).values())
    workloads = [o for o in objs if pod_template(o) is not None]

    if env == "production" and secrets:
        r.error("production", f"renders Secrets {sorted(secrets)}: production Secrets are created outside git")

    referenced_secrets: set[str] = set()
    for o in workloads:
        where = f"{o['kind']}/{o['metadata']['name']}"
        tpl = pod_template(o)
        meta, spec = tpl.get("metadata", {}), tpl["spec"]
        labels = meta.get("labels", {})
        annotations = meta.get("annotations", {}) or {}
        name = labels.get("app.kubernetes.io/name")
        component = labels.get("app.kubernetes.io/component")
        ours = name in services and component in ("web", "worker", "migrate")

        if spec.get("automountServiceAccountToken") is not False:
            r.error(where, "pod automountServiceAccountToken must be false")
        sa = spec.get("serviceAccountName")
        if not sa or sa == "default":
            r.error(where, "needs its own serviceAccountName")
        elif sa not in serviceaccounts:
            r.error(where, f"ServiceAccount {sa} is not in the manifests")
        elif serviceaccounts[sa].get("automountServiceAccountToken") is not False:
            r.error(f"ServiceAccount/{sa}", "automountServiceAccountToken must be false")
        for host in ("hostNetwork", "hostPID", "hostIPC"):
            if spec.get(host):
                r.error(where, f"{host} is not allowed")
        volumes = {v["name"]: v for v in spec.get("volumes", []) or []}
        for v in volumes.values():
            if "hostPath" in v:
                r.error(where, f"hostPath volume {v['name']} is not allowed")
            if "configMap" in v and v["configMap"]["name"] not in configmaps and not v["configMap"].get("optional"):
                r.error(where, f"volume {v['name']}: ConfigMap {v['configMap']['name']} does not exist")
            if "secret" in v:
                referenced_secrets.add(v["secret"]["secretName"])

        psc = spec.get("securityContext") or {}
        containers = (spec.get("initContainers") or []) + (spec.get("containers") or [])
        for c in containers:
            cw = f"{where} container {c['name']}"
            sc = c.get("securityContext") or {}
            if not (sc.get("runAsNonRoot", psc.get("runAsNonRoot")) is True):
                r.error(cw, "runAsNonRoot must be true")
            seccomp = (sc.get("seccompProfile") or psc.get("seccompProfile") or {}).get("type")
            if seccomp != "RuntimeDefault":
                r.error(cw, "seccompProfile must be RuntimeDefault")
            if sc.get("allowPrivilegeEscalation") is not False:
                r.error(cw, "allowPrivilegeEscalation must be false")
            if sc.get("privileged"):
                r.error(cw, "privileged is not allowed")
            caps = sc.get("capabilities") or {}
            if "ALL" not in (caps.get("drop") or []):
                r.error(cw, "capabilities must drop ALL")
            if caps.get("add"):
                r.error(cw, f"capabilities.add {caps['add']} is not allowed")
            if sc.get("readOnlyRootFilesystem") is not True:
                if not annotations.get(EXEMPT_RO):
                    r.error(cw, f"readOnlyRootFilesystem must be true (or annotate the pod {EXEMPT_RO}: <reason>)")
                elif ours:
                    r.error(cw, "our services may not be exempt from readOnlyRootFilesystem")
            run_as = sc.get("runAsUser", psc.get("runAsUser"))
            if run_as == 0:
                r.error(cw, "runAsUser 0")
            res = c.get("resources") or {}
            for part in ("requests", "limits"):
                for key in ("cpu", "memory"):
                    if key not in (res.get(part) or {}):
                        r.error(cw, f"resources.{part}.{key} is missing")
            image = c.get("image", "")
            if not image_pinned(image):
                r.error(cw, f"image {image!r} is not pinned by tag or digest (and never :latest)")
            for ref in c.get("envFrom") or []:
                if "configMapRef" in ref:
                    n = ref["configMapRef"]["name"]
                    if n not in configmaps and not ref["configMapRef"].get("optional"):
                        r.error(cw, f"envFrom ConfigMap {n} does not exist")
                if "secretRef" in ref:
                    referenced_secrets.add(ref["secretRef"]["name"])
            for e in c.get("env") or []:
                src = e.get("valueFrom") or {}
                if "secretKeyRef" in src:
                    referenced_secrets.add(src["secretKeyRef"]["name"])
                if "configMapKeyRef" in src and src["configMapKeyRef"]["name"] not in configmaps:
                    r.error(cw, f"env {e['name']}: ConfigMap {src['configMapKeyRef']['name']} does not exist")
            mounts = {m["mountPath"]: m for m in c.get("volumeMounts") or []}
            if sc.get("readOnlyRootFilesystem") is True and "/tmp" not in mounts:
                r.error(cw, "read-only root filesystem needs a writable /tmp (emptyDir)")

            if ours:
                if run_as != SERVICE_UID:
                    r.error(cw, f"runAsUser must be {SERVICE_UID} (the image's user)")
                for path in ("/tmp", "/tmp/metrics"):
                    m = mounts.get(path)
                    if not m or "emptyDir" not in volumes.get(m["name"], {}):
                        r.error(cw, f"needs an emptyDir at {path}")
                if c.get("args") != [component]:
                    r.error(cw, f"args must be [{component!r}] (python -m <package> {component})")
                if component == "web":
                    ports = {p.get("name"): p.get("containerPort") for p in c.get("ports") or []}
                    if ports.get("http") != 8080:
                        r.error(cw, "web must expose containerPort 8080 named http")
                    for probe, path in (("startupProbe", None), ("livenessProbe", "/livez"),
                                        ("readinessProbe", "/readyz")):
                        p = c.get(probe)
                        if not p:
                            r.error(cw, f"{probe} is missing")
                        elif path and (p.get("httpGet") or {}).get("path") != path:
                            r.error(cw, f"{probe} must GET {path}")

        if ours and component == "web":
            want = {"prometheus.io/scrape": "true", "prometheus.io/port": "8080", "prometheus.io/path": "/metrics"}
            for k, v in want.items():
                if annotations.get(k) != v:
                    r.error(where, f"pod annotation {k}: {v!r} is missing")
            if not any(matches(p["spec"].get("selector"), labels) for p in by_kind.get("PodDisruptionBudget", {}).values()):
                r.error(where, "no PodDisruptionBudget selects the web pods")
            if not any(s["spec"].get("selector") and matches({"matchLabels": s["spec"]["selector"]}, labels)
                       for s in by_kind.get("Service", {}).values()):
                r.error(where, "no Service selects the web pods")
            if not services[name].get("public", False):
                gateway_labels = {"app.kubernetes.io/name": "gateway", "app.kubernetes.io/component": "web"}
                allowed = False
                for p in policies:
                    if not matches(p["spec"].get("podSelector"), labels):
                        continue
                    for rule in p["spec"].get("ingress") or []:
                        for peer in rule.get("from") or []:
                            if "podSelector" in peer and "namespaceSelector" not in peer and \
                                    matches(peer["podSelector"], gateway_labels):
                                allowed = True
                if not allowed:
                    r.error(where, "no NetworkPolicy lets the gateway reach these web pods")
            if env == "base" and o["spec"].get("replicas") != 2:
                r.error(where, "base web Deployments run 2 replicas")
        if ours and component == "worker" and env == "base" and o["spec"].get("replicas") != 1:
            r.error(where, "base worker Deployments run 1 replica")

        # every pod that listens must be reachable through some policy (default deny otherwise)
        if any(c.get("ports") for c in containers):
            if not any(matches(p["spec"].get("podSelector"), labels) and p["spec"].get("ingress")
                       for p in policies):
                r.error(where, "listens on a port but no NetworkPolicy allows ingress to it")

    # one web Deployment per service; a worker and a migration Job as services.toml says
    def find(kind: str, svc: str, component: str) -> list[dict]:
        return [o for o in by_kind.get(kind, {}).values()
                if (pod_template(o)["metadata"].get("labels") or {}).get("app.kubernetes.io/name") == svc
                and pod_template(o)["metadata"]["labels"].get("app.kubernetes.io/component") == component]
    for svc, shape in services.items():
        if len(find("Deployment", svc, "web")) != 1:
            r.error(svc, "needs exactly one web Deployment")
        workers, jobs = find("Deployment", svc, "worker"), find("Job", svc, "migrate")
        if len(workers) != (1 if shape.get("worker", True) else 0):
            r.error(svc, f"needs {'exactly one' if shape.get('worker', True) else 'no'} worker Deployment")
        if len(jobs) != (1 if shape.get("database", True) else 0):
            r.error(svc, f"needs {'exactly one' if shape.get('database', True) else 'no'} migration Job (args [migrate])")

    # secrets
    missing = sorted(s for s in referenced_secrets if s not in secrets)
    if env == "staging":
        for s in missing:
            if s not in EXTERNAL_SECRETS:
                r.error("staging", f"Secret {s} is referenced but not rendered")
    if env in ("staging", "production"):
        print(f"  Secrets to create outside git ({env}): {', '.join(missing) or 'none'}")

    # network policies
    if not any(p["spec"].get("podSelector") in ({}, None)
               and set(p["spec"].get("policyTypes") or []) == {"Ingress", "Egress"}
               and not p["spec"].get("ingress") and not p["spec"].get("egress") for p in policies):
        r.error("NetworkPolicy", "no default deny-all (podSelector {}, Ingress+Egress, no rules)")
    if not any(p["spec"].get("podSelector") in ({}, None) and any(
            any(port.get("port") == 53 for port in rule.get("ports") or []) for rule in p["spec"].get("egress") or [])
            for p in policies):
        r.error("NetworkPolicy", "no DNS egress policy for all pods")

    if env == "base":
        return

    # overlay-level rules
    namespaces = list(by_kind.get("Namespace", {}).values())
    if len(namespaces) != 1:
        r.error(env, "the overlay must render exactly one Namespace")
    else:
        ns_labels = namespaces[0]["metadata"].get("labels") or {}
        if ns_labels.get("pod-security.kubernetes.io/enforce") != "restricted":
            r.error(f"Namespace/{namespaces[0]['metadata']['name']}", "must enforce Pod Security 'restricted'")
        for o in objs:
            if o["kind"] != "Namespace" and o["metadata"].get("namespace") != namespaces[0]["metadata"]["name"]:
                r.error(f"{o['kind']}/{o['metadata']['name']}", "is not in the overlay's namespace")

    gateway_ingress = False
    for ing in by_kind.get("Ingress", {}).values():
        tls_hosts = {h for t in ing["spec"].get("tls") or [] for h in t.get("hosts") or []}
        for rule in ing["spec"].get("rules") or []:
            if rule.get("host") not in tls_hosts:
                r.error(f"Ingress/{ing['metadata']['name']}", f"host {rule.get('host')} has no TLS")
            for path in (rule.get("http") or {}).get("paths") or []:
                if path["backend"].get("service", {}).get("name") == "gateway":
                    gateway_ingress = True
    if not gateway_ingress:
        r.error(env, "no Ingress routes to the gateway Service")

    common = [c for n, c in configmaps.items() if n.startswith("epimorfosi-common")]
    kc = [c for n, c in configmaps.items() if n.startswith("keycloak-config")]
    if len(common) != 1:
        r.error(env, "expected one epimorfosi-common ConfigMap")
    else:
        data = common[0].get("data") or {}
        if data.get("EPI_PRODUCTION") != "1":
            r.error("epimorfosi-common", "EPI_PRODUCTION must be 1 (stack profile)")
        if kc:
            want = (kc[0].get("data") or {}).get("KC_HOSTNAME", "").rstrip("/") + f"/realms/{REALM}"
            if data.get("EPI_OIDC_ISSUER") != want:
                r.error("epimorfosi-common", f"EPI_OIDC_ISSUER {data.get('EPI_OIDC_ISSUER')!r} is not the "
                                             f"issuer Keycloak puts in tokens ({want!r})")
    realm_maps = [c for n, c in configmaps.items() if n.startswith("keycloak-realm")]
    if realm_maps:
        source = repo / "identity" / "keycloak" / "realm-epimorfosi.json"
        rendered = (realm_maps[0].get("data") or {}).get(f"{REALM}-realm.json")
        if rendered is None:
            r.error("keycloak-realm", f"has no {REALM}-realm.json")
        elif source.exists() and json.loads(rendered) != json.loads(source.read_text()):
            r.error("keycloak-realm", "k8s/components/keycloak/realm-epimorfosi.json differs from "
                                      "identity/keycloak/realm-epimorfosi.json: run deploy/validate-manifests.sh --sync-realm")

    if env == "production":
        hpas = by_kind.get("HorizontalPodAutoscaler", {}).values()
        targets = {h["spec"]["scaleTargetRef"]["name"] for h in hpas if h["spec"]["scaleTargetRef"]["kind"] == "Deployment"}
        for svc in services:
            if f"{svc}-web" not in targets:
                r.error("production", f"no HorizontalPodAutoscaler for {svc}-web")
        for t in targets:
            d = by_kind.get("Deployment", {}).get(t)
            if d is None:
                r.error("production", f"HPA targets missing Deployment {t}")
            elif "replicas" in d["spec"]:
                r.error(f"Deployment/{t}", "is scaled by an HPA: leave spec.replicas out")

    text = yaml.safe_dump_all(objs)
    found = sorted({p for p in PLACEHOLDERS if p in text})
    if found:
        r.warn(env, f"placeholders still present ({', '.join(found)}): set the real hostnames/addresses before deploying")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--env", required=True, choices=["base", "staging", "production"])
    parser.add_argument("--repo", default=str(Path(__file__).resolve().parents[2]))
    parser.add_argument("manifest")
    args = parser.parse_args()
    objs = [d for d in yaml.safe_load_all(Path(args.manifest).read_text()) if isinstance(d, dict)]
    r = Report()
    check(objs, args.env, Path(args.repo), r)
    for line in r.warnings + r.errors:
        print("  " + line)
    print(f"  policy ({args.env}): {len(objs)} objects, {len(r.errors)} errors, {len(r.warnings)} warnings")
    return 1 if r.errors else 0


if __name__ == "__main__":
    sys.exit(main())
