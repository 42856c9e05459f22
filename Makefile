# metrica-offline-gateway: `make run` starts the service, `make test` runs every test.
SHELL := /bin/bash
MVN ?= mvn -B -q
JAR := target/metrica-offline-gateway-0.1.0-SNAPSHOT.jar
SOURCES := $(shell find src/main -type f) pom.xml

.PHONY: help run build test k8s-check image bench cluster clean

help: ## List the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(JAR): $(SOURCES)
	$(MVN) -DskipTests package

build: $(JAR) ## Build the thin jar and target/lib

JAVA_OPTS ?= -Xmx384m

run: $(JAR) ## Start the gateway on the embedded defaults (build first if needed)
	java $(JAVA_OPTS) -jar $(JAR)

test: k8s-check ## Run every test (real HTTP, real PostgreSQL) and validate the Kubernetes manifests
	mvn -B verify

K8S_CHECK := k8s/check
$(K8S_CHECK)/node_modules/.package-lock.json: $(K8S_CHECK)/package-lock.json
	cd $(K8S_CHECK) && npm ci --no-audit --no-fund --loglevel=error

k8s-check: $(K8S_CHECK)/node_modules/.package-lock.json ## Validate k8s/ against the Kubernetes API schemas (Node.js 20+, npm)
	node $(K8S_CHECK)/check.mjs

IMAGE ?= metrica-offline-gateway:0.1.0
image: ## Build the container image (IMAGE=name:tag; CONTAINER_ENGINE=podman to use Podman)
	$(or $(CONTAINER_ENGINE),docker) build -t $(IMAGE) .

bench: $(JAR) ## Run the ingest (alone, then with delivery) and delivery benchmarks (results in bench/results/, see docs/benchmarks.md)
	HOLD_UPLOADS=1 bench/run.sh
	bench/run.sh
	bench/drain.sh

cluster: $(JAR) ## Rehearse 3 replicas on one PostgreSQL: load, SIGKILL one, SIGTERM one, check exactly-once delivery
	bench/cluster.sh

clean: ## Remove build output (keeps ./data)
	$(MVN) clean
