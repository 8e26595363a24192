// Postman's legacy `xml2Json(xml)`: xml2js with the sandbox's fixed options; a document
// that does not parse gives `undefined`, as the sandbox's swallowed callback error does.
var xml2js = require('xml2js');
var options = { explicitArray: false, async: false, trim: true, mergeAttrs: false };

module.exports = function xml2Json(string) {
  var json = {};
  xml2js.parseString(string, options, function (_, result) { json = result; });
  return json;
};
