#!/usr/bin/env bash
# Regenerates the application icon (PNG 16..512 px, histoprune.png for the installer, SVG) from AppIcon's
# Java2D drawing. Run from anywhere; needs the project's dependencies in ~/.m2 (offline build).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
./mvnw -q -B -o test-compile dependency:build-classpath -pl histoprune-app -am -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/icon-classpath.txt
app=histoprune-app/target
java -Djava.awt.headless=true -cp "$app/classes:$app/test-classes:$(cat $app/icon-classpath.txt)" \
    org.histoprune.app.icons.IconGenerator icons
