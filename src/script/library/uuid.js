// `uuid` as Postman's sandbox has it: a function returning a random (version 4) UUID, also
// as `.v4`.
'use strict';
function v4() {
  return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, function (c) {
    var r = (Math.random() * 16) | 0;
    return (c === 'x' ? r : (r & 0x3) | 0x8).toString(16);
  });
}
module.exports = v4;
module.exports.v4 = v4;
