// `atob` as Postman's sandbox has it (the npm `atob` package): the base64 text decoded
// leniently (characters outside the alphabet skipped), each byte one character.
'use strict';
var Buffer = require('buffer').Buffer;
function atob(str) {
  return Buffer.from(String(str), 'base64').toString('binary');
}
module.exports = atob.atob = atob;
