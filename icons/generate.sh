#!/usr/bin/env bash
# Regenerates the application icon (PNG 16..512 px, histoprune.png for the installer, SVG) from AppIcon's
# Java2D drawing. Run from anywhere; needs the project's dependencies in ~/.m2 (offline build).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
./mvnw -q -B -o test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/icon-classpath.txt
java -Djava.awt.headless=true -cp "target/classes:target/test-classes:$(cat target/icon-classpath.txt)" \
    org.histoprune.app.IconGenerator icons
