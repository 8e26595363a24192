// `btoa` as Postman's sandbox has it (the npm `btoa` package): a Buffer, or the text's
// characters as bytes (low 8 bits), in base64.
'use strict';
var Buffer = require('buffer').Buffer;
module.exports = function btoa(str) {
  var buffer = str instanceof Buffer ? str : Buffer.from(str.toString(), 'binary');
  return buffer.toString('base64');
};
