// ajv 6 for the sandbox: `new Ajv(options)`, validate, compile, errors and errorsText, with
// ajv 6's error objects; schemas are compiled by the jsonschema crate (`native`, draft-07
// unless the schema names its `$schema`) and kept compiled in Rust.
'use strict';

var IDENTIFIER = /^[a-z$_][a-z$_0-9]*$/i;

function property(name) {
  return IDENTIFIER.test(name) ? '.' + name : "['" + name.replace(/\\/g, '\\\\').replace(/'/g, "\\'") + "']";
}

// A JSON pointer into `data` as ajv 6 writes data paths (`.a[0]['b c']`), or as the pointer
// itself with `jsonPointers`.
function dataPath(pointer, data, jsonPointers) {
  if (jsonPointers) return pointer;
  var out = '', value = data;
  pointer.split('/').slice(1).forEach(function (part) {
    part = part.replace(/~1/g, '/').replace(/~0/g, '~');
    out += Array.isArray(value) ? '[' + part + ']' : property(part);
    value = value !== null && value !== undefined ? value[part] : undefined;
  });
  return out;
}

function schemaAt(schema, pointer) {
  var value = schema;
  pointer.split('/').slice(1).forEach(function (part) {
    if (value !== undefined && value !== null) value = value[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  });
  return value;
}

function schemaPath(pointer) {
  return '#' + pointer.split('/').map(function (part) { return encodeURIComponent(part).replace(/%24/g, '$'); }).join('/');
}

function message(e, schemaAt) {
  var p = e.params, limit = p.limit;
  switch (e.keyword) {
    case 'type': return 'should be ' + p.type;
    case 'required': return "should have required property '" + p.missingProperty + "'";
    case 'additionalProperties': return 'should NOT have additional properties';
    case 'enum': return 'should be equal to one of the allowed values';
    case 'const': return 'should be equal to constant';
    case 'minimum': return 'should be >= ' + limit;
    case 'maximum': return 'should be <= ' + limit;
    case 'exclusiveMinimum': return 'should be > ' + limit;
    case 'exclusiveMaximum': return 'should be < ' + limit;
    case 'minLength': return 'should NOT be shorter than ' + limit + ' characters';
    case 'maxLength': return 'should NOT be longer than ' + limit + ' characters';
    case 'minItems': return 'should NOT have fewer than ' + limit + ' items';
    case 'maxItems': return 'should NOT have more than ' + limit + ' items';
    case 'additionalItems': return 'should NOT have more than ' + limit + ' items';
    case 'minProperties': return 'should NOT have fewer than ' + limit + ' properties';
    case 'maxProperties': return 'should NOT have more than ' + limit + ' properties';
    case 'pattern': return 'should match pattern "' + p.pattern + '"';
    case 'format': return 'should match format "' + p.format + '"';
    case 'multipleOf': return 'should be multiple of ' + p.multipleOf;
    case 'uniqueItems': return 'should NOT have duplicate items (items ## ' + p.j + ' and ' + p.i + ' are identical)';
    case 'anyOf': return 'should match some schema in anyOf';
    case 'oneOf': return 'should match exactly one schema in oneOf';
    case 'not': return 'should NOT be valid';
    case 'contains': return 'should contain a valid item';
    case 'false schema': return 'boolean schema is false';
    default: return schemaAt;
  }
}

function duplicates(array) {
  for (var j = 0; j < array.length; j++) {
    for (var i = j + 1; i < array.length; i++) {
      if (JSON.stringify(array[i]) === JSON.stringify(array[j])) return { i: i, j: j };
    }
  }
  return { i: 0, j: 0 };
}

function toAjv(raw, data, opts, schema) {
  var params = {}, p = raw.params;
  switch (raw.keyword) {
    case 'minimum': case 'maximum': case 'exclusiveMinimum': case 'exclusiveMaximum':
      params = {
        comparison: { minimum: '>=', maximum: '<=', exclusiveMinimum: '>', exclusiveMaximum: '<' }[raw.keyword],
        limit: p.limit, exclusive: raw.keyword.indexOf('exclusive') === 0
      };
      break;
    case 'uniqueItems': params = duplicates(raw.instance); break;
    case 'oneOf': params = { passingSchemas: p.passingSchemas ? [0, 1] : null }; break;
    case 'type':
      var types = schemaAt(schema, raw.schemaPath);
      params = { type: Array.isArray(types) ? types.join(',') : p.type };
      break;
    case 'enum': case 'const': case 'required': case 'additionalProperties':
    case 'pattern': case 'format': case 'multipleOf':
      params = p;
      break;
    default:
      if (p.limit !== undefined) params = { limit: p.limit };
  }
  var error = {
    keyword: raw.keyword,
    dataPath: dataPath(raw.instancePath, data, opts.jsonPointers),
    schemaPath: schemaPath(raw.schemaPath),
    params: params,
    message: ''
  };
  error.message = message(error, raw.message);
  if (opts.verbose) error.data = raw.instance;
  return error;
}

function plainData(data) {
  var text = JSON.stringify(data === undefined ? null : data);
  return text === undefined ? 'null' : text;
}

function Ajv(opts) {
  if (!(this instanceof Ajv)) return new Ajv(opts);
  this._opts = opts || {};
  this._schemas = Object.create(null);
  this.errors = null;
}

Ajv.prototype._resources = function () {
  var resources = {}, schemas = this._schemas;
  Object.keys(schemas).forEach(function (key) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(key)) resources[key] = schemas[key];
  });
  return resources;
};

Ajv.prototype.compile = function (schema) {
  var ajv = this, text = JSON.stringify(schema), id = null;
  if (typeof schema !== 'object' && typeof schema !== 'boolean') {
    throw new Error('schema should be object or boolean');
  }
  function compileNow() {
    id = native.schemaCompile(text, '7', JSON.stringify(ajv._resources()));
  }
  compileNow();
  var validate = function (data) {
    var result = native.schemaValidate(id, plainData(data), !!ajv._opts.allErrors);
    if (result === null || result === undefined) {
      compileNow();
      result = native.schemaValidate(id, plainData(data), !!ajv._opts.allErrors);
    }
    var errors = JSON.parse(result).map(function (raw) { return toAjv(raw, data, ajv._opts, schema); });
    validate.errors = errors.length ? errors : null;
    return !errors.length;
  };
  validate.schema = schema;
  validate.errors = null;
  return validate;
};

Ajv.prototype.validate = function (schemaKeyRef, data) {
  var schema = schemaKeyRef;
  if (typeof schemaKeyRef === 'string') {
    schema = this._schemas[schemaKeyRef.replace(/#$/, '')];
    if (schema === undefined) throw new Error('no schema with key or ref "' + schemaKeyRef + '"');
  }
  var validate = this.compile(schema);
  var valid = validate(data);
  this.errors = validate.errors;
  return valid;
};

Ajv.prototype.addSchema = function (schema, key) {
  var ajv = this;
  if (Array.isArray(schema)) {
    schema.forEach(function (s) { ajv.addSchema(s); });
    return this;
  }
  key = key || (schema && (schema.$id || schema.id));
  if (typeof key !== 'string') throw new Error('schema must have $id or key');
  this._schemas[key.replace(/#$/, '')] = schema;
  return this;
};

Ajv.prototype.getSchema = function (keyRef) {
  var schema = this._schemas[String(keyRef).replace(/#$/, '')];
  return schema === undefined ? undefined : this.compile(schema);
};

Ajv.prototype.removeSchema = function (keyRef) {
  if (keyRef === undefined) this._schemas = Object.create(null);
  else delete this._schemas[String(keyRef).replace(/#$/, '')];
  return this;
};

Ajv.prototype.validateSchema = function (schema) {
  try {
    native.schemaCompile(JSON.stringify(schema), '7', '{}');
    this.errors = null;
    return true;
  } catch (e) {
    this.errors = [{ keyword: 'schema', dataPath: '', schemaPath: '#', params: {}, message: e.message }];
    return false;
  }
};

Ajv.prototype.errorsText = function (errors, options) {
  errors = errors || this.errors;
  if (!errors) return 'No errors';
  options = options || {};
  var separator = options.separator === undefined ? ', ' : options.separator;
  var dataVar = options.dataVar === undefined ? 'data' : options.dataVar;
  return errors.map(function (e) { return dataVar + e.dataPath + ' ' + e.message; }).join(separator);
};

['addKeyword', 'addFormat', 'addMetaSchema', 'compileAsync'].forEach(function (name) {
  Ajv.prototype[name] = function () {
    var error = new Error('not supported: ajv.' + name);
    error.name = 'NotSupportedError';
    throw error;
  };
});

module.exports = Ajv;
