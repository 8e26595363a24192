// tv4 for the sandbox: draft-04 JSON Schema validation by the jsonschema crate (`native`),
// with tv4's results, error codes, messages, data paths and schema paths.
'use strict';

var ErrorCodes = {
  INVALID_TYPE: 0, ENUM_MISMATCH: 1, ANY_OF_MISSING: 10, ONE_OF_MISSING: 11, ONE_OF_MULTIPLE: 12,
  NOT_PASSED: 13, NUMBER_MULTIPLE_OF: 100, NUMBER_MINIMUM: 101, NUMBER_MINIMUM_EXCLUSIVE: 102,
  NUMBER_MAXIMUM: 103, NUMBER_MAXIMUM_EXCLUSIVE: 104, NUMBER_NOT_A_NUMBER: 105,
  STRING_LENGTH_SHORT: 200, STRING_LENGTH_LONG: 201, STRING_PATTERN: 202,
  OBJECT_PROPERTIES_MINIMUM: 300, OBJECT_PROPERTIES_MAXIMUM: 301, OBJECT_REQUIRED: 302,
  OBJECT_ADDITIONAL_PROPERTIES: 303, OBJECT_DEPENDENCY_KEY: 304, ARRAY_LENGTH_SHORT: 400,
  ARRAY_LENGTH_LONG: 401, ARRAY_UNIQUE: 402, ARRAY_ADDITIONAL_ITEMS: 403, FORMAT_CUSTOM: 500,
  KEYWORD_CUSTOM: 501, CIRCULAR_REFERENCE: 600, UNKNOWN_PROPERTY: 1000
};

var MESSAGES = {
  0: 'Invalid type: {type} (expected {expected})', 1: 'No enum match for: {value}',
  10: 'Data does not match any schemas from "anyOf"', 11: 'Data does not match any schemas from "oneOf"',
  12: 'Data is valid against more than one schema from "oneOf": indices {index1} and {index2}',
  13: 'Data matches schema from "not"', 100: 'Value {value} is not a multiple of {multipleOf}',
  101: 'Value {value} is less than minimum {minimum}',
  102: 'Value {value} is equal to exclusive minimum {minimum}',
  103: 'Value {value} is greater than maximum {maximum}',
  104: 'Value {value} is equal to exclusive maximum {maximum}',
  200: 'String is too short ({length} chars), minimum {minimum}',
  201: 'String is too long ({length} chars), maximum {maximum}',
  202: 'String does not match pattern: {pattern}',
  300: 'Too few properties defined ({propertyCount}), minimum {minimum}',
  301: 'Too many properties defined ({propertyCount}), maximum {maximum}',
  302: 'Missing required property: {key}', 303: 'Additional properties not allowed',
  304: 'Dependency failed - key must exist: {missing} (due to key: {key})',
  400: 'Array is too short ({length}), minimum {minimum}',
  401: 'Array is too long ({length}), maximum {maximum}',
  402: 'Array items are not unique (indices {match1} and {match2})',
  403: 'Additional items not allowed', 500: 'Format validation failed ({message})'
};

function ValidationError(code, params, dataPath, schemaPath) {
  this.message = MESSAGES[code].replace(/\{([^{}]*)\}/g, function (whole, name) {
    var value = params[name];
    return typeof value === 'string' || typeof value === 'number' ? value : whole;
  });
  this.params = params;
  this.code = code;
  this.dataPath = dataPath;
  this.schemaPath = schemaPath;
  this.subErrors = null;
  this.stack = 'Error: ' + this.message;
}
ValidationError.prototype = Object.create(Error.prototype);
ValidationError.prototype.constructor = ValidationError;
ValidationError.prototype.name = 'ValidationError';

function typeOf(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function at(root, pointer) {
  var value = root;
  pointer.split('/').slice(1).forEach(function (part) {
    if (value !== undefined && value !== null) {
      value = value[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    }
  });
  return value;
}

function duplicates(array) {
  for (var i = 0; i < array.length; i++) {
    for (var j = i + 1; j < array.length; j++) {
      if (JSON.stringify(array[i]) === JSON.stringify(array[j])) return { match1: i, match2: j };
    }
  }
  return { match1: 0, match2: 0 };
}

// One error of the native validator, as tv4 reports it.
function toTv4(raw, schema) {
  var keywordSchema = at(schema, raw.schemaPath.replace(/\/[^/]*$/, ''));
  var value = raw.instance, path = raw.instancePath, schemaPath = raw.schemaPath;
  var limit = raw.params.limit, p;
  switch (raw.keyword) {
    case 'type':
      var types = at(schema, schemaPath);
      types = Array.isArray(types) ? types : raw.params.type.split(',');
      return new ValidationError(0, { type: typeOf(value), expected: types.join('/') }, path, schemaPath);
    case 'enum':
      return new ValidationError(1, { value: JSON.stringify(value) }, path, schemaPath.replace(/enum$/, 'type'));
    case 'anyOf': return new ValidationError(10, {}, path, schemaPath);
    case 'oneOf':
      return raw.params.passingSchemas
        ? new ValidationError(12, { index1: 0, index2: 1 }, path, schemaPath)
        : new ValidationError(11, {}, path, schemaPath);
    case 'not': return new ValidationError(13, {}, path, schemaPath);
    case 'multipleOf': return new ValidationError(100, { value: value, multipleOf: raw.params.multipleOf }, path, '');
    case 'minimum':
    case 'exclusiveMinimum':
      p = raw.keyword === 'exclusiveMinimum' && value >= limit;
      return new ValidationError(p ? 102 : 101, { value: value, minimum: limit }, path,
        schemaPath.replace(/[^/]*$/, p ? 'exclusiveMinimum' : 'minimum'));
    case 'maximum':
    case 'exclusiveMaximum':
      p = raw.keyword === 'exclusiveMaximum' && value <= limit;
      return new ValidationError(p ? 104 : 103, { value: value, maximum: limit }, path,
        schemaPath.replace(/[^/]*$/, p ? 'exclusiveMaximum' : 'maximum'));
    case 'minLength': return new ValidationError(200, { length: value.length, minimum: limit }, path, schemaPath);
    case 'maxLength': return new ValidationError(201, { length: value.length, maximum: limit }, path, schemaPath);
    case 'pattern': return new ValidationError(202, { pattern: raw.params.pattern }, path, schemaPath);
    case 'minProperties':
      return new ValidationError(300, { propertyCount: Object.keys(value).length, minimum: limit }, path, schemaPath);
    case 'maxProperties':
      return new ValidationError(301, { propertyCount: Object.keys(value).length, maximum: limit }, path, schemaPath);
    case 'required':
      p = raw.params.missingProperty;
      if (/\/dependencies\//.test(schemaPath)) {
        var owner = schemaPath.split('/dependencies/')[1].split('/')[0];
        return new ValidationError(304, { key: owner, missing: p }, path,
          schemaPath.replace(/\/required$/, '') + '/' + ((keywordSchema && keywordSchema[owner]) || []).indexOf(p));
      }
      return new ValidationError(302, { key: p }, path, schemaPath + '/' + ((keywordSchema && keywordSchema.required) || []).indexOf(p));
    case 'additionalProperties':
      p = raw.params.additionalProperty;
      return new ValidationError(303, { key: p }, path + '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1'), schemaPath);
    case 'minItems': return new ValidationError(400, { length: value.length, minimum: limit }, path, schemaPath);
    case 'maxItems': return new ValidationError(401, { length: value.length, maximum: limit }, path, schemaPath);
    case 'uniqueItems': return new ValidationError(402, duplicates(value), path, schemaPath);
    case 'additionalItems':
      return new ValidationError(403, {}, path + '/' + (typeof limit === 'number' ? limit : 0), schemaPath);
    case 'format': return new ValidationError(500, { message: raw.message }, path, schemaPath);
    default:
      var error = new ValidationError(500, { message: raw.message }, path, schemaPath);
      return error;
  }
}

function plainData(data) {
  var text = JSON.stringify(data === undefined ? null : data);
  return text === undefined ? 'null' : text;
}

function api() {
  var schemas = Object.create(null);
  var tv4 = {
    error: null,
    missing: [],
    errorCodes: ErrorCodes,
    ValidationError: ValidationError,
    _run: function (data, schema, all) {
      if (typeof schema === 'string') schema = schemas[schema];
      if (schema === undefined) schema = {};
      var resources = {};
      Object.keys(schemas).forEach(function (uri) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(uri)) resources[uri] = schemas[uri];
      });
      var id = native.schemaCompile(JSON.stringify(schema), '4', JSON.stringify(resources));
      var raw = JSON.parse(native.schemaValidate(id, plainData(data), all));
      return raw.map(function (e) { return toTv4(e, schema); });
    },
    validate: function (data, schema) {
      var errors = tv4._run(data, schema, false);
      tv4.missing = [];
      tv4.error = errors.length ? errors[0] : null;
      return !errors.length;
    },
    validateResult: function (data, schema) {
      var valid = tv4.validate(data, schema);
      return { error: tv4.error, missing: tv4.missing, valid: valid };
    },
    validateMultiple: function (data, schema) {
      var errors = tv4._run(data, schema, true);
      return { errors: errors, missing: [], valid: !errors.length };
    },
    addSchema: function (uri, schema) {
      if (typeof uri !== 'string') {
        schema = uri;
        uri = schema && (schema.id || schema.$id);
        if (typeof uri !== 'string') return false;
      }
      schemas[uri.replace(/#$/, '')] = schema;
      return true;
    },
    getSchema: function (uri) {
      var found = schemas[String(uri).replace(/#$/, '')];
      return found === undefined ? undefined : found;
    },
    getSchemaUris: function () { return Object.keys(schemas); },
    getSchemaMap: function () {
      var map = {};
      Object.keys(schemas).forEach(function (uri) { map[uri] = schemas[uri]; });
      return map;
    },
    getMissingUris: function () { return []; },
    dropSchemas: function () { schemas = Object.create(null); },
    reset: function () { schemas = Object.create(null); tv4.error = null; tv4.missing = []; },
    freshApi: api,
    addFormat: function () { notSupported('tv4.addFormat'); },
    defineKeyword: function () { notSupported('tv4.defineKeyword'); },
    setErrorReporter: function () { notSupported('tv4.setErrorReporter'); },
    language: function () { notSupported('tv4.language'); },
    addLanguage: function () { notSupported('tv4.addLanguage'); }
  };
  return tv4;
}

function notSupported(what) {
  var error = new Error('not supported: ' + what);
  error.name = 'NotSupportedError';
  throw error;
}

module.exports = api();
