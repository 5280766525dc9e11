# nhacviec — one command to run, one to test. Both install what is missing first.
#
#   make run      install deps, build, check the shipped config, list the next deadlines, then run the
#                 service in the foreground (outbox transport: messages land in var/outbox/*.eml; Ctrl-C stops)
#   make test     install deps, build and run every test
#   make bench    benchmarks (see bench/README.md); bench/years runs 20 working days there, 500 by hand
#   make install  release build, binary, config, templates and systemd unit in place (as root)

SHELL := /bin/bash
SWIFT ?= swift
CONFIG ?= Config/nhacviec.yaml
PREFIX ?= /usr/local
# Debian packages the build and the tests need (checked with dpkg, installed with apt-get when missing).
BUILD_DEPS := libcurl4-openssl-dev pkg-config libsqlite3-dev
# chromium, chromium-driver and python3-selenium: the browser test of acknowledgement links (issue 8);
# poppler-utils: pdftotext, which `nhacviec import` reads PDF plans with (and its tests);
# python3-icalendar, python3-prometheus-client and prometheus (promtool): the calendar feeds and metrics (issue 9).
TEST_DEPS := python3 python3-aiosmtpd openssl chromium chromium-driver python3-selenium poppler-utils \
	python3-icalendar python3-prometheus-client prometheus
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test deps test-deps build bench format lint clean install deb system-test
ETC ?= /etc/nhacviec
UNITDIR ?= /etc/systemd/system
# The Debian package (packaging/deb/) and the system test that boots Debian 12 to install it (systest/).
DEB_DEPS := dpkg-dev binutils lintian
SYSTEST_DEPS := systemd-container debootstrap procps
SCRATCH ?= .build
DEB_OUT ?= $(SCRATCH)/deb
VERSION := $(shell sed -n 1p packaging/deb/changelog | tr -d '()' | cut -d ' ' -f 2)
DEB := $(DEB_OUT)/nhacviec_$(VERSION)_amd64.deb

define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi
endef

deps:
	$(call apt_install,$(BUILD_DEPS))

test-deps: deps
	$(call apt_install,$(TEST_DEPS))

build: deps
	$(SWIFT) build --product nhacviec

run: build
	.build/debug/nhacviec check --config $(CONFIG)
	.build/debug/nhacviec upcoming --config $(CONFIG) --days 90
	.build/debug/nhacviec serve --config $(CONFIG)

test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --parallel --num-workers 2

bench: deps
	bash bench/planning/run.sh
	bash bench/calendar/run.sh
	bash bench/delivery/run.sh
	bash bench/service/run.sh
	bash bench/http/run.sh
	DAYS=20 bash bench/years/run.sh

# Installs under $(DESTDIR); an existing $(ETC) is never overwritten (the admin's config wins).
install: deps
	$(SWIFT) build -c release --product nhacviec
	install -D -m 0755 .build/release/nhacviec $(DESTDIR)$(PREFIX)/bin/nhacviec
	install -D -m 0644 README.md $(DESTDIR)$(PREFIX)/share/doc/nhacviec/README.md
	@if [ -e $(DESTDIR)$(ETC)/nhacviec.yaml ]; then \
		echo "keeping the existing $(DESTDIR)$(ETC); new defaults are in $(DESTDIR)$(PREFIX)/share/doc/nhacviec/Config"; \
	else \
		install -d -m 0755 $(DESTDIR)$(ETC) && cp -R Config/. $(DESTDIR)$(ETC)/ && \
		sed -i 's|^state_dir: .*|state_dir: /var/lib/nhacviec   # systemd StateDirectory=nhacviec|' $(DESTDIR)$(ETC)/nhacviec.yaml; \
	fi
	mkdir -p $(DESTDIR)$(PREFIX)/share/doc/nhacviec && cp -R Config $(DESTDIR)$(PREFIX)/share/doc/nhacviec/
	@# LoadCredential= needs the files to exist; empty means "not set" to nhacviec.
	@for f in smtp-password webhook-secret web-users; do \
		[ -e $(DESTDIR)$(ETC)/$$f ] || install -m 0600 /dev/null $(DESTDIR)$(ETC)/$$f; \
	done
	install -D -m 0644 systemd/nhacviec.service $(DESTDIR)$(UNITDIR)/nhacviec.service
	@if [ -z "$(DESTDIR)" ] && command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then systemctl daemon-reload; fi
	@echo "installed; edit $(ETC)/nhacviec.yaml, check it with: nhacviec check --config $(ETC)/nhacviec.yaml; then: systemctl enable --now nhacviec"

# nhacviec_<version>_amd64.deb: the release binary with the Swift runtime linked in, checked by lintian.
deb: deps
	$(call apt_install,$(DEB_DEPS))
	$(SWIFT) build --scratch-path $(SCRATCH) -c release --static-swift-stdlib --product nhacviec
	packaging/deb/build.sh $(SCRATCH)/release/nhacviec $(DEB_OUT)
	lintian --fail-on error,warning --display-info $(DEB)
	@ls -l $(DEB) && dpkg-deb --field $(DEB) Depends

# Boots Debian 12 in systemd-nspawn, installs the .deb, upgrades it to a higher version (the same build), purges it.
system-test: deb
	$(call apt_install,$(SYSTEST_DEPS))
	packaging/deb/build.sh $(SCRATCH)/release/nhacviec $(DEB_OUT)/upgrade $(VERSION)+systest1
	$(SUDO) bash systest/run.sh $(DEB) $(DEB_OUT)/upgrade/nhacviec_$(VERSION)+systest1_amd64.deb

format:
	swift format --in-place --recursive Package.swift Sources Tests

lint:
	swift format lint --strict --recursive Package.swift Sources Tests

clean:
	rm -rf .build .build-*
