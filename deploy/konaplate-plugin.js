// The Framework loads plugins with require(); this loads the TypeScript plugin through tsx's scoped
// require, which compiles only the files it is given and leaves every other require alone.
'use strict';

const { require: tsxRequire } = require('tsx/cjs/api');

module.exports = tsxRequire('./konaplate-plugin.ts', __filename);
