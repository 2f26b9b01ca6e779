#!/usr/bin/env node
'use strict';
// The CLI is compiled from src/cli by `npm run build:cli` (run by `npm ci`/`npm install` through "prepare").
require('../dist/cli/main.js').run(process.argv);
