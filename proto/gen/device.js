/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError, $TypeError = $util.global.TypeError, $String = $util.global.String, $Number = $util.global.Number, $parseInt = $util.global.parseInt, $Array = $util.global.Array, $BigInt = $util.global.BigInt, $Boolean = $util.global.Boolean;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const cunke = $root.cunke = (() => {

    /**
     * Namespace cunke.
     * @exports cunke
     * @namespace
     */
    const cunke = {};

    cunke.device = (function() {

        /**
         * Namespace device.
         * @memberof cunke
         * @namespace
         */
        const device = {};

        device.v1 = (function() {

            /**
             * Namespace v1.
             * @memberof cunke.device
             * @namespace
             */
            const v1 = {};

            v1.DeviceEnvelope = (function() {

                /**
                 * Properties of a DeviceEnvelope.
                 * @typedef {Object} cunke.device.v1.DeviceEnvelope.$Properties
                 * @property {string|null} [deviceId] DeviceEnvelope deviceId
                 * @property {string|null} [tenantId] DeviceEnvelope tenantId
                 * @property {Uint8Array|null} [eventId] DeviceEnvelope eventId
                 * @property {number|null} [seq] DeviceEnvelope seq
                 * @property {number|null} [deviceTimeMs] DeviceEnvelope deviceTimeMs
                 * @property {cunke.device.v1.CallEvent.$Properties|null} [call] DeviceEnvelope call
                 * @property {cunke.device.v1.Heartbeat.$Properties|null} [heartbeat] DeviceEnvelope heartbeat
                 * @property {cunke.device.v1.CommandAck.$Properties|null} [commandAck] DeviceEnvelope commandAck
                 * @property {"call"|"heartbeat"|"commandAck"} [payload] DeviceEnvelope payload
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a DeviceEnvelope.
                 * @memberof cunke.device.v1
                 * @interface IDeviceEnvelope
                 * @augments cunke.device.v1.DeviceEnvelope.$Properties
                 * @deprecated Use cunke.device.v1.DeviceEnvelope.$Properties instead.
                 */

                /**
                 * Narrowed shape of a DeviceEnvelope.
                 * @typedef {{
                 *   deviceId?: string|null;
                 *   tenantId?: string|null;
                 *   eventId?: Uint8Array|null;
                 *   seq?: number|null;
                 *   deviceTimeMs?: number|null;
                 *   call?: cunke.device.v1.CallEvent.$Shape|null;
                 *   heartbeat?: cunke.device.v1.Heartbeat.$Shape|null;
                 *   commandAck?: cunke.device.v1.CommandAck.$Shape|null;
                 *   $unknowns?: Array.<Uint8Array>;
                 * } & (
                 *   ({ payload?: undefined; call?: null; heartbeat?: null; commandAck?: null }|{ payload?: "call"; call: cunke.device.v1.CallEvent.$Shape; heartbeat?: null; commandAck?: null }|{ payload?: "heartbeat"; call?: null; heartbeat: cunke.device.v1.Heartbeat.$Shape; commandAck?: null }|{ payload?: "commandAck"; call?: null; heartbeat?: null; commandAck: cunke.device.v1.CommandAck.$Shape })
                 * )} cunke.device.v1.DeviceEnvelope.$Shape
                 */

                /**
                 * Constructs a new DeviceEnvelope.
                 * @memberof cunke.device.v1
                 * @classdesc Represents a DeviceEnvelope.
                 * @constructor
                 * @param {cunke.device.v1.DeviceEnvelope.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const DeviceEnvelope = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * DeviceEnvelope deviceId.
                 * @member {string} deviceId
                 * @memberof cunke.device.v1.DeviceEnvelope
                 * @instance
                 */
                DeviceEnvelope.prototype.deviceId = "";

                /**
                 * DeviceEnvelope tenantId.
                 * @member {string} tenantId
                 * @memberof cunke.device.v1.DeviceEnvelope
                 * @instance
                 */
                DeviceEnvelope.prototype.tenantId = "";

                /**
                 * DeviceEnvelope eventId.
                 * @member {Uint8Array} eventId
                 * @memberof cunke.device.v1.DeviceEnvelope
                 * @instance
                 */
                DeviceEnvelope.prototype.eventId = $util.newBuffer([]);

                /**
                 * DeviceEnvelope seq.
                 * @member {number} seq
                 * @memberof cunke.device.v1.DeviceEnvelope
                 * @instance
                 */
                DeviceEnvelope.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * DeviceEnvelope deviceTimeMs.
                 * @member {number} deviceTimeMs
                 * @memberof cunke.device.v1.DeviceEnvelope
                 * @instance
                 */
                DeviceEnvelope.prototype.deviceTimeMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * DeviceEnvelope call.
                 * @member {cunke.device.v1.CallEvent.$Properties|null|undefined} call
                 * @memberof cunke.device.v1.DeviceEnvelope
                 * @instance
                 */
                DeviceEnvelope.prototype.call = null;

                /**
                 * DeviceEnvelope heartbeat.
                 * @member {cunke.device.v1.Heartbeat.$Properties|null|undefined} heartbeat
                 * @memberof cunke.device.v1.DeviceEnvelope
                 * @instance
                 */
                DeviceEnvelope.prototype.heartbeat = null;

                /**
                 * DeviceEnvelope commandAck.
                 * @member {cunke.device.v1.CommandAck.$Properties|null|undefined} commandAck
                 * @memberof cunke.device.v1.DeviceEnvelope
                 * @instance
                 */
                DeviceEnvelope.prototype.commandAck = null;

                // OneOf field names bound to virtual getters and setters
                let $oneOfFields;

                /**
                 * DeviceEnvelope payload.
                 * @member {"call"|"heartbeat"|"commandAck"|undefined} payload
                 * @memberof cunke.device.v1.DeviceEnvelope
                 * @instance
                 */
                $Object.defineProperty(DeviceEnvelope.prototype, "payload", {
                    get: $util.oneOfGetter($oneOfFields = ["call", "heartbeat", "commandAck"]),
                    set: $util.oneOfSetter($oneOfFields)
                });

                /**
                 * Creates a new DeviceEnvelope instance using the specified properties.
                 * @function create
                 * @memberof cunke.device.v1.DeviceEnvelope
                 * @static
                 * @param {cunke.device.v1.DeviceEnvelope.$Properties=} [properties] Properties to set
                 * @returns {cunke.device.v1.DeviceEnvelope} DeviceEnvelope instance
                 * @type {{
                 *   (properties: cunke.device.v1.DeviceEnvelope.$Shape): cunke.device.v1.DeviceEnvelope & cunke.device.v1.DeviceEnvelope.$Shape;
                 *   (properties?: cunke.device.v1.DeviceEnvelope.$Properties): cunke.device.v1.DeviceEnvelope;
                 * }}
                 */
                DeviceEnvelope.create = function(properties) {
                    return new DeviceEnvelope(properties);
                };

                /**
                 * Encodes the specified DeviceEnvelope message. Does not implicitly {@link cunke.device.v1.DeviceEnvelope.verify|verify} messages.
                 * @function encode
                 * @memberof cunke.device.v1.DeviceEnvelope
                 * @static
                 * @param {cunke.device.v1.DeviceEnvelope.$Properties} message DeviceEnvelope message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                DeviceEnvelope.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.deviceId != null && $Object.hasOwnProperty.call(message, "deviceId") && message.deviceId !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.deviceId);
                    if (message.tenantId != null && $Object.hasOwnProperty.call(message, "tenantId") && message.tenantId !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.tenantId);
                    if (message.eventId != null && $Object.hasOwnProperty.call(message, "eventId") && message.eventId.length)
                        writer.uint32(/* id 3, wireType 2 =*/26).bytes(message.eventId);
                    if (message.seq != null && $Object.hasOwnProperty.call(message, "seq") && (typeof message.seq === "object" ? message.seq.low || message.seq.high : message.seq !== 0))
                        writer.uint32(/* id 4, wireType 0 =*/32).uint64(message.seq);
                    if (message.deviceTimeMs != null && $Object.hasOwnProperty.call(message, "deviceTimeMs") && (typeof message.deviceTimeMs === "object" ? message.deviceTimeMs.low || message.deviceTimeMs.high : message.deviceTimeMs !== 0))
                        writer.uint32(/* id 5, wireType 0 =*/40).int64(message.deviceTimeMs);
                    if (message.call != null && $Object.hasOwnProperty.call(message, "call"))
                        $root.cunke.device.v1.CallEvent.encode(message.call, writer.uint32(/* id 10, wireType 2 =*/82).fork(), _depth + 1).ldelim();
                    if (message.heartbeat != null && $Object.hasOwnProperty.call(message, "heartbeat"))
                        $root.cunke.device.v1.Heartbeat.encode(message.heartbeat, writer.uint32(/* id 11, wireType 2 =*/90).fork(), _depth + 1).ldelim();
                    if (message.commandAck != null && $Object.hasOwnProperty.call(message, "commandAck"))
                        $root.cunke.device.v1.CommandAck.encode(message.commandAck, writer.uint32(/* id 12, wireType 2 =*/98).fork(), _depth + 1).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a DeviceEnvelope message from the specified reader or buffer.
                 * @function decode
                 * @memberof cunke.device.v1.DeviceEnvelope
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {cunke.device.v1.DeviceEnvelope & cunke.device.v1.DeviceEnvelope.$Shape} DeviceEnvelope
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                DeviceEnvelope.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.cunke.device.v1.DeviceEnvelope();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.deviceId = value;
                                else
                                    delete message.deviceId;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.tenantId = value;
                                else
                                    delete message.tenantId;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.bytes()).length)
                                    message.eventId = value;
                                else
                                    delete message.eventId;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.seq = value;
                                else
                                    delete message.seq;
                                continue;
                            }
                        case 5: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.deviceTimeMs = value;
                                else
                                    delete message.deviceTimeMs;
                                continue;
                            }
                        case 10: {
                                if (wireType !== 2)
                                    break;
                                message.call = $root.cunke.device.v1.CallEvent.decode(reader, reader.size(), $undefined, _depth + 1, message.call);
                                message.payload = "call";
                                continue;
                            }
                        case 11: {
                                if (wireType !== 2)
                                    break;
                                message.heartbeat = $root.cunke.device.v1.Heartbeat.decode(reader, reader.size(), $undefined, _depth + 1, message.heartbeat);
                                message.payload = "heartbeat";
                                continue;
                            }
                        case 12: {
                                if (wireType !== 2)
                                    break;
                                message.commandAck = $root.cunke.device.v1.CommandAck.decode(reader, reader.size(), $undefined, _depth + 1, message.commandAck);
                                message.payload = "commandAck";
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Verifies a DeviceEnvelope message.
                 * @function verify
                 * @memberof cunke.device.v1.DeviceEnvelope
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                DeviceEnvelope.verify = function (message, _depth) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        return "max depth exceeded";
                    let properties = {};
                    if (message.deviceId != null && $Object.hasOwnProperty.call(message, "deviceId"))
                        if (!$util.isString(message.deviceId))
                            return "deviceId: string expected";
                    if (message.tenantId != null && $Object.hasOwnProperty.call(message, "tenantId"))
                        if (!$util.isString(message.tenantId))
                            return "tenantId: string expected";
                    if (message.eventId != null && $Object.hasOwnProperty.call(message, "eventId"))
                        if (!(message.eventId && typeof message.eventId.length === "number" || $util.isString(message.eventId)))
                            return "eventId: buffer expected";
                    if (message.seq != null && $Object.hasOwnProperty.call(message, "seq"))
                        if (!$util.isInteger(message.seq) && !(message.seq && $util.isInteger(message.seq.low) && $util.isInteger(message.seq.high)))
                            return "seq: integer|Long expected";
                    if (message.deviceTimeMs != null && $Object.hasOwnProperty.call(message, "deviceTimeMs"))
                        if (!$util.isInteger(message.deviceTimeMs) && !(message.deviceTimeMs && $util.isInteger(message.deviceTimeMs.low) && $util.isInteger(message.deviceTimeMs.high)))
                            return "deviceTimeMs: integer|Long expected";
                    if (message.call != null && $Object.hasOwnProperty.call(message, "call")) {
                        properties.payload = 1;
                        {
                            let error = $root.cunke.device.v1.CallEvent.verify(message.call, _depth + 1);
                            if (error)
                                return "call." + error;
                        }
                    }
                    if (message.heartbeat != null && $Object.hasOwnProperty.call(message, "heartbeat")) {
                        if (properties.payload === 1)
                            return "payload: multiple values";
                        properties.payload = 1;
                        {
                            let error = $root.cunke.device.v1.Heartbeat.verify(message.heartbeat, _depth + 1);
                            if (error)
                                return "heartbeat." + error;
                        }
                    }
                    if (message.commandAck != null && $Object.hasOwnProperty.call(message, "commandAck")) {
                        if (properties.payload === 1)
                            return "payload: multiple values";
                        properties.payload = 1;
                        {
                            let error = $root.cunke.device.v1.CommandAck.verify(message.commandAck, _depth + 1);
                            if (error)
                                return "commandAck." + error;
                        }
                    }
                    return null;
                };

                /**
                 * Creates a DeviceEnvelope message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof cunke.device.v1.DeviceEnvelope
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {cunke.device.v1.DeviceEnvelope} DeviceEnvelope
                 */
                DeviceEnvelope.fromObject = function (object, _depth) {
                    if (object instanceof $root.cunke.device.v1.DeviceEnvelope)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".cunke.device.v1.DeviceEnvelope: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.cunke.device.v1.DeviceEnvelope();
                    if (object.deviceId != null)
                        if (typeof object.deviceId !== "string" || object.deviceId.length)
                            message.deviceId = $String(object.deviceId);
                    if (object.tenantId != null)
                        if (typeof object.tenantId !== "string" || object.tenantId.length)
                            message.tenantId = $String(object.tenantId);
                    if (object.eventId != null)
                        if (object.eventId.length)
                            if (typeof object.eventId === "string")
                                $util.base64.decode(object.eventId, message.eventId = $util.newBuffer($util.base64.length(object.eventId)), 0);
                            else if (object.eventId.length >= 0)
                                message.eventId = object.eventId;
                    if (object.seq != null)
                        if (typeof object.seq === "object" ? object.seq.low || object.seq.high : $Number(object.seq) !== 0)
                            if ($util.Long)
                                message.seq = $util.Long.fromValue(object.seq, true);
                            else if (typeof object.seq === "string")
                                message.seq = $parseInt(object.seq, 10);
                            else if (typeof object.seq === "number")
                                message.seq = object.seq;
                            else if (typeof object.seq === "object")
                                message.seq = new $util.LongBits(object.seq.low >>> 0, object.seq.high >>> 0).toNumber(true);
                    if (object.deviceTimeMs != null)
                        if (typeof object.deviceTimeMs === "object" ? object.deviceTimeMs.low || object.deviceTimeMs.high : $Number(object.deviceTimeMs) !== 0)
                            if ($util.Long)
                                message.deviceTimeMs = $util.Long.fromValue(object.deviceTimeMs, false);
                            else if (typeof object.deviceTimeMs === "string")
                                message.deviceTimeMs = $parseInt(object.deviceTimeMs, 10);
                            else if (typeof object.deviceTimeMs === "number")
                                message.deviceTimeMs = object.deviceTimeMs;
                            else if (typeof object.deviceTimeMs === "object")
                                message.deviceTimeMs = new $util.LongBits(object.deviceTimeMs.low >>> 0, object.deviceTimeMs.high >>> 0).toNumber();
                    if (object.call != null) {
                        if (!$util.isObject(object.call))
                            throw $TypeError(".cunke.device.v1.DeviceEnvelope.call: object expected");
                        message.call = $root.cunke.device.v1.CallEvent.fromObject(object.call, _depth + 1);
                    }
                    if (object.heartbeat != null) {
                        if (!$util.isObject(object.heartbeat))
                            throw $TypeError(".cunke.device.v1.DeviceEnvelope.heartbeat: object expected");
                        message.heartbeat = $root.cunke.device.v1.Heartbeat.fromObject(object.heartbeat, _depth + 1);
                    }
                    if (object.commandAck != null) {
                        if (!$util.isObject(object.commandAck))
                            throw $TypeError(".cunke.device.v1.DeviceEnvelope.commandAck: object expected");
                        message.commandAck = $root.cunke.device.v1.CommandAck.fromObject(object.commandAck, _depth + 1);
                    }
                    return message;
                };

                /**
                 * Creates a plain object from a DeviceEnvelope message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof cunke.device.v1.DeviceEnvelope
                 * @static
                 * @param {cunke.device.v1.DeviceEnvelope} message DeviceEnvelope
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                DeviceEnvelope.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.deviceId = "";
                        object.tenantId = "";
                        if (options.bytes === $String)
                            object.eventId = "";
                        else {
                            object.eventId = [];
                            if (options.bytes !== $Array)
                                object.eventId = $util.newBuffer(object.eventId);
                        }
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.seq = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.seq = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.deviceTimeMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.deviceTimeMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    }
                    if (message.deviceId != null && $Object.hasOwnProperty.call(message, "deviceId"))
                        object.deviceId = message.deviceId;
                    if (message.tenantId != null && $Object.hasOwnProperty.call(message, "tenantId"))
                        object.tenantId = message.tenantId;
                    if (message.eventId != null && $Object.hasOwnProperty.call(message, "eventId"))
                        object.eventId = options.bytes === $String ? $util.base64.encode(message.eventId, 0, message.eventId.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.eventId) : message.eventId;
                    if (message.seq != null && $Object.hasOwnProperty.call(message, "seq"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.seq = typeof message.seq === "number" ? $BigInt(message.seq) : $util.Long.fromBits(message.seq.low >>> 0, message.seq.high >>> 0, true).toBigInt();
                        else if (typeof message.seq === "number")
                            object.seq = options.longs === $String ? $String(message.seq) : message.seq;
                        else
                            object.seq = options.longs === $String ? $util.Long.prototype.toString.call(message.seq) : options.longs === $Number ? new $util.LongBits(message.seq.low >>> 0, message.seq.high >>> 0).toNumber(true) : message.seq;
                    if (message.deviceTimeMs != null && $Object.hasOwnProperty.call(message, "deviceTimeMs"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.deviceTimeMs = typeof message.deviceTimeMs === "number" ? $BigInt(message.deviceTimeMs) : $util.Long.fromBits(message.deviceTimeMs.low >>> 0, message.deviceTimeMs.high >>> 0, false).toBigInt();
                        else if (typeof message.deviceTimeMs === "number")
                            object.deviceTimeMs = options.longs === $String ? $String(message.deviceTimeMs) : message.deviceTimeMs;
                        else
                            object.deviceTimeMs = options.longs === $String ? $util.Long.prototype.toString.call(message.deviceTimeMs) : options.longs === $Number ? new $util.LongBits(message.deviceTimeMs.low >>> 0, message.deviceTimeMs.high >>> 0).toNumber() : message.deviceTimeMs;
                    if (message.call != null && $Object.hasOwnProperty.call(message, "call")) {
                        object.call = $root.cunke.device.v1.CallEvent.toObject(message.call, options, _depth + 1);
                        if (options.oneofs)
                            object.payload = "call";
                    }
                    if (message.heartbeat != null && $Object.hasOwnProperty.call(message, "heartbeat")) {
                        object.heartbeat = $root.cunke.device.v1.Heartbeat.toObject(message.heartbeat, options, _depth + 1);
                        if (options.oneofs)
                            object.payload = "heartbeat";
                    }
                    if (message.commandAck != null && $Object.hasOwnProperty.call(message, "commandAck")) {
                        object.commandAck = $root.cunke.device.v1.CommandAck.toObject(message.commandAck, options, _depth + 1);
                        if (options.oneofs)
                            object.payload = "commandAck";
                    }
                    return object;
                };

                /**
                 * Converts this DeviceEnvelope to JSON.
                 * @function toJSON
                 * @memberof cunke.device.v1.DeviceEnvelope
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                DeviceEnvelope.prototype.toJSON = function() {
                    return DeviceEnvelope.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for DeviceEnvelope
                 * @function getTypeUrl
                 * @memberof cunke.device.v1.DeviceEnvelope
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                DeviceEnvelope.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/cunke.device.v1.DeviceEnvelope";
                };

                return DeviceEnvelope;
            })();

            /**
             * CallDirection enum.
             * @name cunke.device.v1.CallDirection
             * @enum {number}
             * @property {number} CALL_DIRECTION_UNSPECIFIED=0 CALL_DIRECTION_UNSPECIFIED value
             * @property {number} CALL_DIRECTION_OUTBOUND=1 CALL_DIRECTION_OUTBOUND value
             * @property {number} CALL_DIRECTION_INBOUND=2 CALL_DIRECTION_INBOUND value
             */
            v1.CallDirection = (function() {
                const valuesById = $Object.create(null), values = $Object.create(valuesById);
                values[valuesById[0] = "CALL_DIRECTION_UNSPECIFIED"] = 0;
                values[valuesById[1] = "CALL_DIRECTION_OUTBOUND"] = 1;
                values[valuesById[2] = "CALL_DIRECTION_INBOUND"] = 2;
                return values;
            })();

            v1.CallEvent = (function() {

                /**
                 * Properties of a CallEvent.
                 * @typedef {Object} cunke.device.v1.CallEvent.$Properties
                 * @property {string|null} [callId] CallEvent callId
                 * @property {string|null} [taskId] CallEvent taskId
                 * @property {string|null} [commandId] CallEvent commandId
                 * @property {string|null} [phoneNumber] CallEvent phoneNumber
                 * @property {string|null} [callerId] CallEvent callerId
                 * @property {cunke.device.v1.CallDirection|null} [direction] CallEvent direction
                 * @property {cunke.device.v1.Dialing.$Properties|null} [dialing] CallEvent dialing
                 * @property {cunke.device.v1.Ringing.$Properties|null} [ringing] CallEvent ringing
                 * @property {cunke.device.v1.Answered.$Properties|null} [answered] CallEvent answered
                 * @property {cunke.device.v1.Hangup.$Properties|null} [hangup] CallEvent hangup
                 * @property {cunke.device.v1.Ended.$Properties|null} [ended] CallEvent ended
                 * @property {cunke.device.v1.RecordingReady.$Properties|null} [recordingReady] CallEvent recordingReady
                 * @property {"dialing"|"ringing"|"answered"|"hangup"|"ended"|"recordingReady"} [step] CallEvent step
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a CallEvent.
                 * @memberof cunke.device.v1
                 * @interface ICallEvent
                 * @augments cunke.device.v1.CallEvent.$Properties
                 * @deprecated Use cunke.device.v1.CallEvent.$Properties instead.
                 */

                /**
                 * Narrowed shape of a CallEvent.
                 * @typedef {{
                 *   callId?: string|null;
                 *   taskId?: string|null;
                 *   commandId?: string|null;
                 *   phoneNumber?: string|null;
                 *   callerId?: string|null;
                 *   direction?: cunke.device.v1.CallDirection|null;
                 *   dialing?: cunke.device.v1.Dialing.$Shape|null;
                 *   ringing?: cunke.device.v1.Ringing.$Shape|null;
                 *   answered?: cunke.device.v1.Answered.$Shape|null;
                 *   hangup?: cunke.device.v1.Hangup.$Shape|null;
                 *   ended?: cunke.device.v1.Ended.$Shape|null;
                 *   recordingReady?: cunke.device.v1.RecordingReady.$Shape|null;
                 *   $unknowns?: Array.<Uint8Array>;
                 * } & (
                 *   ({ step?: undefined; dialing?: null; ringing?: null; answered?: null; hangup?: null; ended?: null; recordingReady?: null }|{ step?: "dialing"; dialing: cunke.device.v1.Dialing.$Shape; ringing?: null; answered?: null; hangup?: null; ended?: null; recordingReady?: null }|{ step?: "ringing"; dialing?: null; ringing: cunke.device.v1.Ringing.$Shape; answered?: null; hangup?: null; ended?: null; recordingReady?: null }|{ step?: "answered"; dialing?: null; ringing?: null; answered: cunke.device.v1.Answered.$Shape; hangup?: null; ended?: null; recordingReady?: null }|{ step?: "hangup"; dialing?: null; ringing?: null; answered?: null; hangup: cunke.device.v1.Hangup.$Shape; ended?: null; recordingReady?: null }|{ step?: "ended"; dialing?: null; ringing?: null; answered?: null; hangup?: null; ended: cunke.device.v1.Ended.$Shape; recordingReady?: null }|{ step?: "recordingReady"; dialing?: null; ringing?: null; answered?: null; hangup?: null; ended?: null; recordingReady: cunke.device.v1.RecordingReady.$Shape })
                 * )} cunke.device.v1.CallEvent.$Shape
                 */

                /**
                 * Constructs a new CallEvent.
                 * @memberof cunke.device.v1
                 * @classdesc Represents a CallEvent.
                 * @constructor
                 * @param {cunke.device.v1.CallEvent.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const CallEvent = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * CallEvent callId.
                 * @member {string} callId
                 * @memberof cunke.device.v1.CallEvent
                 * @instance
                 */
                CallEvent.prototype.callId = "";

                /**
                 * CallEvent taskId.
                 * @member {string} taskId
                 * @memberof cunke.device.v1.CallEvent
                 * @instance
                 */
                CallEvent.prototype.taskId = "";

                /**
                 * CallEvent commandId.
                 * @member {string} commandId
                 * @memberof cunke.device.v1.CallEvent
                 * @instance
                 */
                CallEvent.prototype.commandId = "";

                /**
                 * CallEvent phoneNumber.
                 * @member {string} phoneNumber
                 * @memberof cunke.device.v1.CallEvent
                 * @instance
                 */
                CallEvent.prototype.phoneNumber = "";

                /**
                 * CallEvent callerId.
                 * @member {string} callerId
                 * @memberof cunke.device.v1.CallEvent
                 * @instance
                 */
                CallEvent.prototype.callerId = "";

                /**
                 * CallEvent direction.
                 * @member {cunke.device.v1.CallDirection} direction
                 * @memberof cunke.device.v1.CallEvent
                 * @instance
                 */
                CallEvent.prototype.direction = 0;

                /**
                 * CallEvent dialing.
                 * @member {cunke.device.v1.Dialing.$Properties|null|undefined} dialing
                 * @memberof cunke.device.v1.CallEvent
                 * @instance
                 */
                CallEvent.prototype.dialing = null;

                /**
                 * CallEvent ringing.
                 * @member {cunke.device.v1.Ringing.$Properties|null|undefined} ringing
                 * @memberof cunke.device.v1.CallEvent
                 * @instance
                 */
                CallEvent.prototype.ringing = null;

                /**
                 * CallEvent answered.
                 * @member {cunke.device.v1.Answered.$Properties|null|undefined} answered
                 * @memberof cunke.device.v1.CallEvent
                 * @instance
                 */
                CallEvent.prototype.answered = null;

                /**
                 * CallEvent hangup.
                 * @member {cunke.device.v1.Hangup.$Properties|null|undefined} hangup
                 * @memberof cunke.device.v1.CallEvent
                 * @instance
                 */
                CallEvent.prototype.hangup = null;

                /**
                 * CallEvent ended.
                 * @member {cunke.device.v1.Ended.$Properties|null|undefined} ended
                 * @memberof cunke.device.v1.CallEvent
                 * @instance
                 */
                CallEvent.prototype.ended = null;

                /**
                 * CallEvent recordingReady.
                 * @member {cunke.device.v1.RecordingReady.$Properties|null|undefined} recordingReady
                 * @memberof cunke.device.v1.CallEvent
                 * @instance
                 */
                CallEvent.prototype.recordingReady = null;

                // OneOf field names bound to virtual getters and setters
                let $oneOfFields;

                /**
                 * CallEvent step.
                 * @member {"dialing"|"ringing"|"answered"|"hangup"|"ended"|"recordingReady"|undefined} step
                 * @memberof cunke.device.v1.CallEvent
                 * @instance
                 */
                $Object.defineProperty(CallEvent.prototype, "step", {
                    get: $util.oneOfGetter($oneOfFields = ["dialing", "ringing", "answered", "hangup", "ended", "recordingReady"]),
                    set: $util.oneOfSetter($oneOfFields)
                });

                /**
                 * Creates a new CallEvent instance using the specified properties.
                 * @function create
                 * @memberof cunke.device.v1.CallEvent
                 * @static
                 * @param {cunke.device.v1.CallEvent.$Properties=} [properties] Properties to set
                 * @returns {cunke.device.v1.CallEvent} CallEvent instance
                 * @type {{
                 *   (properties: cunke.device.v1.CallEvent.$Shape): cunke.device.v1.CallEvent & cunke.device.v1.CallEvent.$Shape;
                 *   (properties?: cunke.device.v1.CallEvent.$Properties): cunke.device.v1.CallEvent;
                 * }}
                 */
                CallEvent.create = function(properties) {
                    return new CallEvent(properties);
                };

                /**
                 * Encodes the specified CallEvent message. Does not implicitly {@link cunke.device.v1.CallEvent.verify|verify} messages.
                 * @function encode
                 * @memberof cunke.device.v1.CallEvent
                 * @static
                 * @param {cunke.device.v1.CallEvent.$Properties} message CallEvent message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                CallEvent.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.callId != null && $Object.hasOwnProperty.call(message, "callId") && message.callId !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.callId);
                    if (message.taskId != null && $Object.hasOwnProperty.call(message, "taskId") && message.taskId !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.taskId);
                    if (message.commandId != null && $Object.hasOwnProperty.call(message, "commandId") && message.commandId !== "")
                        writer.uint32(/* id 3, wireType 2 =*/26).string(message.commandId);
                    if (message.phoneNumber != null && $Object.hasOwnProperty.call(message, "phoneNumber") && message.phoneNumber !== "")
                        writer.uint32(/* id 4, wireType 2 =*/34).string(message.phoneNumber);
                    if (message.callerId != null && $Object.hasOwnProperty.call(message, "callerId") && message.callerId !== "")
                        writer.uint32(/* id 5, wireType 2 =*/42).string(message.callerId);
                    if (message.direction != null && $Object.hasOwnProperty.call(message, "direction") && message.direction !== 0)
                        writer.uint32(/* id 6, wireType 0 =*/48).int32(message.direction);
                    if (message.dialing != null && $Object.hasOwnProperty.call(message, "dialing"))
                        $root.cunke.device.v1.Dialing.encode(message.dialing, writer.uint32(/* id 10, wireType 2 =*/82).fork(), _depth + 1).ldelim();
                    if (message.ringing != null && $Object.hasOwnProperty.call(message, "ringing"))
                        $root.cunke.device.v1.Ringing.encode(message.ringing, writer.uint32(/* id 11, wireType 2 =*/90).fork(), _depth + 1).ldelim();
                    if (message.answered != null && $Object.hasOwnProperty.call(message, "answered"))
                        $root.cunke.device.v1.Answered.encode(message.answered, writer.uint32(/* id 12, wireType 2 =*/98).fork(), _depth + 1).ldelim();
                    if (message.hangup != null && $Object.hasOwnProperty.call(message, "hangup"))
                        $root.cunke.device.v1.Hangup.encode(message.hangup, writer.uint32(/* id 13, wireType 2 =*/106).fork(), _depth + 1).ldelim();
                    if (message.ended != null && $Object.hasOwnProperty.call(message, "ended"))
                        $root.cunke.device.v1.Ended.encode(message.ended, writer.uint32(/* id 14, wireType 2 =*/114).fork(), _depth + 1).ldelim();
                    if (message.recordingReady != null && $Object.hasOwnProperty.call(message, "recordingReady"))
                        $root.cunke.device.v1.RecordingReady.encode(message.recordingReady, writer.uint32(/* id 15, wireType 2 =*/122).fork(), _depth + 1).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a CallEvent message from the specified reader or buffer.
                 * @function decode
                 * @memberof cunke.device.v1.CallEvent
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {cunke.device.v1.CallEvent & cunke.device.v1.CallEvent.$Shape} CallEvent
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                CallEvent.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.cunke.device.v1.CallEvent();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.callId = value;
                                else
                                    delete message.callId;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.taskId = value;
                                else
                                    delete message.taskId;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.commandId = value;
                                else
                                    delete message.commandId;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.phoneNumber = value;
                                else
                                    delete message.phoneNumber;
                                continue;
                            }
                        case 5: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.callerId = value;
                                else
                                    delete message.callerId;
                                continue;
                            }
                        case 6: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.int32())
                                    message.direction = value;
                                else
                                    delete message.direction;
                                continue;
                            }
                        case 10: {
                                if (wireType !== 2)
                                    break;
                                message.dialing = $root.cunke.device.v1.Dialing.decode(reader, reader.size(), $undefined, _depth + 1, message.dialing);
                                message.step = "dialing";
                                continue;
                            }
                        case 11: {
                                if (wireType !== 2)
                                    break;
                                message.ringing = $root.cunke.device.v1.Ringing.decode(reader, reader.size(), $undefined, _depth + 1, message.ringing);
                                message.step = "ringing";
                                continue;
                            }
                        case 12: {
                                if (wireType !== 2)
                                    break;
                                message.answered = $root.cunke.device.v1.Answered.decode(reader, reader.size(), $undefined, _depth + 1, message.answered);
                                message.step = "answered";
                                continue;
                            }
                        case 13: {
                                if (wireType !== 2)
                                    break;
                                message.hangup = $root.cunke.device.v1.Hangup.decode(reader, reader.size(), $undefined, _depth + 1, message.hangup);
                                message.step = "hangup";
                                continue;
                            }
                        case 14: {
                                if (wireType !== 2)
                                    break;
                                message.ended = $root.cunke.device.v1.Ended.decode(reader, reader.size(), $undefined, _depth + 1, message.ended);
                                message.step = "ended";
                                continue;
                            }
                        case 15: {
                                if (wireType !== 2)
                                    break;
                                message.recordingReady = $root.cunke.device.v1.RecordingReady.decode(reader, reader.size(), $undefined, _depth + 1, message.recordingReady);
                                message.step = "recordingReady";
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Verifies a CallEvent message.
                 * @function verify
                 * @memberof cunke.device.v1.CallEvent
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                CallEvent.verify = function (message, _depth) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        return "max depth exceeded";
                    let properties = {};
                    if (message.callId != null && $Object.hasOwnProperty.call(message, "callId"))
                        if (!$util.isString(message.callId))
                            return "callId: string expected";
                    if (message.taskId != null && $Object.hasOwnProperty.call(message, "taskId"))
                        if (!$util.isString(message.taskId))
                            return "taskId: string expected";
                    if (message.commandId != null && $Object.hasOwnProperty.call(message, "commandId"))
                        if (!$util.isString(message.commandId))
                            return "commandId: string expected";
                    if (message.phoneNumber != null && $Object.hasOwnProperty.call(message, "phoneNumber"))
                        if (!$util.isString(message.phoneNumber))
                            return "phoneNumber: string expected";
                    if (message.callerId != null && $Object.hasOwnProperty.call(message, "callerId"))
                        if (!$util.isString(message.callerId))
                            return "callerId: string expected";
                    if (message.direction != null && $Object.hasOwnProperty.call(message, "direction"))
                        if (typeof message.direction !== "number" || (message.direction | 0) !== message.direction)
                            return "direction: enum value expected";
                    if (message.dialing != null && $Object.hasOwnProperty.call(message, "dialing")) {
                        properties.step = 1;
                        {
                            let error = $root.cunke.device.v1.Dialing.verify(message.dialing, _depth + 1);
                            if (error)
                                return "dialing." + error;
                        }
                    }
                    if (message.ringing != null && $Object.hasOwnProperty.call(message, "ringing")) {
                        if (properties.step === 1)
                            return "step: multiple values";
                        properties.step = 1;
                        {
                            let error = $root.cunke.device.v1.Ringing.verify(message.ringing, _depth + 1);
                            if (error)
                                return "ringing." + error;
                        }
                    }
                    if (message.answered != null && $Object.hasOwnProperty.call(message, "answered")) {
                        if (properties.step === 1)
                            return "step: multiple values";
                        properties.step = 1;
                        {
                            let error = $root.cunke.device.v1.Answered.verify(message.answered, _depth + 1);
                            if (error)
                                return "answered." + error;
                        }
                    }
                    if (message.hangup != null && $Object.hasOwnProperty.call(message, "hangup")) {
                        if (properties.step === 1)
                            return "step: multiple values";
                        properties.step = 1;
                        {
                            let error = $root.cunke.device.v1.Hangup.verify(message.hangup, _depth + 1);
                            if (error)
                                return "hangup." + error;
                        }
                    }
                    if (message.ended != null && $Object.hasOwnProperty.call(message, "ended")) {
                        if (properties.step === 1)
                            return "step: multiple values";
                        properties.step = 1;
                        {
                            let error = $root.cunke.device.v1.Ended.verify(message.ended, _depth + 1);
                            if (error)
                                return "ended." + error;
                        }
                    }
                    if (message.recordingReady != null && $Object.hasOwnProperty.call(message, "recordingReady")) {
                        if (properties.step === 1)
                            return "step: multiple values";
                        properties.step = 1;
                        {
                            let error = $root.cunke.device.v1.RecordingReady.verify(message.recordingReady, _depth + 1);
                            if (error)
                                return "recordingReady." + error;
                        }
                    }
                    return null;
                };

                /**
                 * Creates a CallEvent message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof cunke.device.v1.CallEvent
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {cunke.device.v1.CallEvent} CallEvent
                 */
                CallEvent.fromObject = function (object, _depth) {
                    if (object instanceof $root.cunke.device.v1.CallEvent)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".cunke.device.v1.CallEvent: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.cunke.device.v1.CallEvent();
                    if (object.callId != null)
                        if (typeof object.callId !== "string" || object.callId.length)
                            message.callId = $String(object.callId);
                    if (object.taskId != null)
                        if (typeof object.taskId !== "string" || object.taskId.length)
                            message.taskId = $String(object.taskId);
                    if (object.commandId != null)
                        if (typeof object.commandId !== "string" || object.commandId.length)
                            message.commandId = $String(object.commandId);
                    if (object.phoneNumber != null)
                        if (typeof object.phoneNumber !== "string" || object.phoneNumber.length)
                            message.phoneNumber = $String(object.phoneNumber);
                    if (object.callerId != null)
                        if (typeof object.callerId !== "string" || object.callerId.length)
                            message.callerId = $String(object.callerId);
                    if (object.direction !== 0 && (typeof object.direction !== "string" || $root.cunke.device.v1.CallDirection[object.direction] !== 0))
                        switch (object.direction) {
                        case "CALL_DIRECTION_UNSPECIFIED":
                        case 0:
                            message.direction = 0;
                            break;
                        case "CALL_DIRECTION_OUTBOUND":
                        case 1:
                            message.direction = 1;
                            break;
                        case "CALL_DIRECTION_INBOUND":
                        case 2:
                            message.direction = 2;
                            break;
                        default:
                            if (typeof object.direction === "number" && (object.direction | 0) === object.direction)
                                message.direction = object.direction;
                        }
                    if (object.dialing != null) {
                        if (!$util.isObject(object.dialing))
                            throw $TypeError(".cunke.device.v1.CallEvent.dialing: object expected");
                        message.dialing = $root.cunke.device.v1.Dialing.fromObject(object.dialing, _depth + 1);
                    }
                    if (object.ringing != null) {
                        if (!$util.isObject(object.ringing))
                            throw $TypeError(".cunke.device.v1.CallEvent.ringing: object expected");
                        message.ringing = $root.cunke.device.v1.Ringing.fromObject(object.ringing, _depth + 1);
                    }
                    if (object.answered != null) {
                        if (!$util.isObject(object.answered))
                            throw $TypeError(".cunke.device.v1.CallEvent.answered: object expected");
                        message.answered = $root.cunke.device.v1.Answered.fromObject(object.answered, _depth + 1);
                    }
                    if (object.hangup != null) {
                        if (!$util.isObject(object.hangup))
                            throw $TypeError(".cunke.device.v1.CallEvent.hangup: object expected");
                        message.hangup = $root.cunke.device.v1.Hangup.fromObject(object.hangup, _depth + 1);
                    }
                    if (object.ended != null) {
                        if (!$util.isObject(object.ended))
                            throw $TypeError(".cunke.device.v1.CallEvent.ended: object expected");
                        message.ended = $root.cunke.device.v1.Ended.fromObject(object.ended, _depth + 1);
                    }
                    if (object.recordingReady != null) {
                        if (!$util.isObject(object.recordingReady))
                            throw $TypeError(".cunke.device.v1.CallEvent.recordingReady: object expected");
                        message.recordingReady = $root.cunke.device.v1.RecordingReady.fromObject(object.recordingReady, _depth + 1);
                    }
                    return message;
                };

                /**
                 * Creates a plain object from a CallEvent message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof cunke.device.v1.CallEvent
                 * @static
                 * @param {cunke.device.v1.CallEvent} message CallEvent
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                CallEvent.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.callId = "";
                        object.taskId = "";
                        object.commandId = "";
                        object.phoneNumber = "";
                        object.callerId = "";
                        object.direction = options.enums === $String ? "CALL_DIRECTION_UNSPECIFIED" : 0;
                    }
                    if (message.callId != null && $Object.hasOwnProperty.call(message, "callId"))
                        object.callId = message.callId;
                    if (message.taskId != null && $Object.hasOwnProperty.call(message, "taskId"))
                        object.taskId = message.taskId;
                    if (message.commandId != null && $Object.hasOwnProperty.call(message, "commandId"))
                        object.commandId = message.commandId;
                    if (message.phoneNumber != null && $Object.hasOwnProperty.call(message, "phoneNumber"))
                        object.phoneNumber = message.phoneNumber;
                    if (message.callerId != null && $Object.hasOwnProperty.call(message, "callerId"))
                        object.callerId = message.callerId;
                    if (message.direction != null && $Object.hasOwnProperty.call(message, "direction"))
                        object.direction = options.enums === $String ? $root.cunke.device.v1.CallDirection[message.direction] === $undefined ? message.direction : $root.cunke.device.v1.CallDirection[message.direction] : message.direction;
                    if (message.dialing != null && $Object.hasOwnProperty.call(message, "dialing")) {
                        object.dialing = $root.cunke.device.v1.Dialing.toObject(message.dialing, options, _depth + 1);
                        if (options.oneofs)
                            object.step = "dialing";
                    }
                    if (message.ringing != null && $Object.hasOwnProperty.call(message, "ringing")) {
                        object.ringing = $root.cunke.device.v1.Ringing.toObject(message.ringing, options, _depth + 1);
                        if (options.oneofs)
                            object.step = "ringing";
                    }
                    if (message.answered != null && $Object.hasOwnProperty.call(message, "answered")) {
                        object.answered = $root.cunke.device.v1.Answered.toObject(message.answered, options, _depth + 1);
                        if (options.oneofs)
                            object.step = "answered";
                    }
                    if (message.hangup != null && $Object.hasOwnProperty.call(message, "hangup")) {
                        object.hangup = $root.cunke.device.v1.Hangup.toObject(message.hangup, options, _depth + 1);
                        if (options.oneofs)
                            object.step = "hangup";
                    }
                    if (message.ended != null && $Object.hasOwnProperty.call(message, "ended")) {
                        object.ended = $root.cunke.device.v1.Ended.toObject(message.ended, options, _depth + 1);
                        if (options.oneofs)
                            object.step = "ended";
                    }
                    if (message.recordingReady != null && $Object.hasOwnProperty.call(message, "recordingReady")) {
                        object.recordingReady = $root.cunke.device.v1.RecordingReady.toObject(message.recordingReady, options, _depth + 1);
                        if (options.oneofs)
                            object.step = "recordingReady";
                    }
                    return object;
                };

                /**
                 * Converts this CallEvent to JSON.
                 * @function toJSON
                 * @memberof cunke.device.v1.CallEvent
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                CallEvent.prototype.toJSON = function() {
                    return CallEvent.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for CallEvent
                 * @function getTypeUrl
                 * @memberof cunke.device.v1.CallEvent
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                CallEvent.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/cunke.device.v1.CallEvent";
                };

                return CallEvent;
            })();

            v1.Dialing = (function() {

                /**
                 * Properties of a Dialing.
                 * @typedef {Object} cunke.device.v1.Dialing.$Properties
                 * @property {number|null} [line] Dialing line
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Dialing.
                 * @memberof cunke.device.v1
                 * @interface IDialing
                 * @augments cunke.device.v1.Dialing.$Properties
                 * @deprecated Use cunke.device.v1.Dialing.$Properties instead.
                 */

                /**
                 * Shape of a Dialing.
                 * @typedef {cunke.device.v1.Dialing.$Properties} cunke.device.v1.Dialing.$Shape
                 */

                /**
                 * Constructs a new Dialing.
                 * @memberof cunke.device.v1
                 * @classdesc Represents a Dialing.
                 * @constructor
                 * @param {cunke.device.v1.Dialing.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Dialing = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Dialing line.
                 * @member {number} line
                 * @memberof cunke.device.v1.Dialing
                 * @instance
                 */
                Dialing.prototype.line = 0;

                /**
                 * Creates a new Dialing instance using the specified properties.
                 * @function create
                 * @memberof cunke.device.v1.Dialing
                 * @static
                 * @param {cunke.device.v1.Dialing.$Properties=} [properties] Properties to set
                 * @returns {cunke.device.v1.Dialing} Dialing instance
                 * @type {{
                 *   (properties: cunke.device.v1.Dialing.$Shape): cunke.device.v1.Dialing & cunke.device.v1.Dialing.$Shape;
                 *   (properties?: cunke.device.v1.Dialing.$Properties): cunke.device.v1.Dialing;
                 * }}
                 */
                Dialing.create = function(properties) {
                    return new Dialing(properties);
                };

                /**
                 * Encodes the specified Dialing message. Does not implicitly {@link cunke.device.v1.Dialing.verify|verify} messages.
                 * @function encode
                 * @memberof cunke.device.v1.Dialing
                 * @static
                 * @param {cunke.device.v1.Dialing.$Properties} message Dialing message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Dialing.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.line != null && $Object.hasOwnProperty.call(message, "line") && message.line !== 0)
                        writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.line);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a Dialing message from the specified reader or buffer.
                 * @function decode
                 * @memberof cunke.device.v1.Dialing
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {cunke.device.v1.Dialing & cunke.device.v1.Dialing.$Shape} Dialing
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Dialing.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.cunke.device.v1.Dialing();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.line = value;
                                else
                                    delete message.line;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Verifies a Dialing message.
                 * @function verify
                 * @memberof cunke.device.v1.Dialing
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                Dialing.verify = function (message, _depth) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        return "max depth exceeded";
                    if (message.line != null && $Object.hasOwnProperty.call(message, "line"))
                        if (!$util.isInteger(message.line))
                            return "line: integer expected";
                    return null;
                };

                /**
                 * Creates a Dialing message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof cunke.device.v1.Dialing
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {cunke.device.v1.Dialing} Dialing
                 */
                Dialing.fromObject = function (object, _depth) {
                    if (object instanceof $root.cunke.device.v1.Dialing)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".cunke.device.v1.Dialing: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.cunke.device.v1.Dialing();
                    if (object.line != null)
                        if ($Number(object.line) !== 0)
                            message.line = object.line >>> 0;
                    return message;
                };

                /**
                 * Creates a plain object from a Dialing message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof cunke.device.v1.Dialing
                 * @static
                 * @param {cunke.device.v1.Dialing} message Dialing
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Dialing.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults)
                        object.line = 0;
                    if (message.line != null && $Object.hasOwnProperty.call(message, "line"))
                        object.line = message.line;
                    return object;
                };

                /**
                 * Converts this Dialing to JSON.
                 * @function toJSON
                 * @memberof cunke.device.v1.Dialing
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Dialing.prototype.toJSON = function() {
                    return Dialing.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for Dialing
                 * @function getTypeUrl
                 * @memberof cunke.device.v1.Dialing
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Dialing.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/cunke.device.v1.Dialing";
                };

                return Dialing;
            })();

            v1.Ringing = (function() {

                /**
                 * Properties of a Ringing.
                 * @typedef {Object} cunke.device.v1.Ringing.$Properties
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Ringing.
                 * @memberof cunke.device.v1
                 * @interface IRinging
                 * @augments cunke.device.v1.Ringing.$Properties
                 * @deprecated Use cunke.device.v1.Ringing.$Properties instead.
                 */

                /**
                 * Shape of a Ringing.
                 * @typedef {cunke.device.v1.Ringing.$Properties} cunke.device.v1.Ringing.$Shape
                 */

                /**
                 * Constructs a new Ringing.
                 * @memberof cunke.device.v1
                 * @classdesc Represents a Ringing.
                 * @constructor
                 * @param {cunke.device.v1.Ringing.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Ringing = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Creates a new Ringing instance using the specified properties.
                 * @function create
                 * @memberof cunke.device.v1.Ringing
                 * @static
                 * @param {cunke.device.v1.Ringing.$Properties=} [properties] Properties to set
                 * @returns {cunke.device.v1.Ringing} Ringing instance
                 * @type {{
                 *   (properties: cunke.device.v1.Ringing.$Shape): cunke.device.v1.Ringing & cunke.device.v1.Ringing.$Shape;
                 *   (properties?: cunke.device.v1.Ringing.$Properties): cunke.device.v1.Ringing;
                 * }}
                 */
                Ringing.create = function(properties) {
                    return new Ringing(properties);
                };

                /**
                 * Encodes the specified Ringing message. Does not implicitly {@link cunke.device.v1.Ringing.verify|verify} messages.
                 * @function encode
                 * @memberof cunke.device.v1.Ringing
                 * @static
                 * @param {cunke.device.v1.Ringing.$Properties} message Ringing message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Ringing.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a Ringing message from the specified reader or buffer.
                 * @function decode
                 * @memberof cunke.device.v1.Ringing
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {cunke.device.v1.Ringing & cunke.device.v1.Ringing.$Shape} Ringing
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Ringing.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.cunke.device.v1.Ringing();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        reader.skipType(tag & 7, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Verifies a Ringing message.
                 * @function verify
                 * @memberof cunke.device.v1.Ringing
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                Ringing.verify = function (message, _depth) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        return "max depth exceeded";
                    return null;
                };

                /**
                 * Creates a Ringing message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof cunke.device.v1.Ringing
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {cunke.device.v1.Ringing} Ringing
                 */
                Ringing.fromObject = function (object, _depth) {
                    if (object instanceof $root.cunke.device.v1.Ringing)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".cunke.device.v1.Ringing: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    return new $root.cunke.device.v1.Ringing();
                };

                /**
                 * Creates a plain object from a Ringing message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof cunke.device.v1.Ringing
                 * @static
                 * @param {cunke.device.v1.Ringing} message Ringing
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Ringing.toObject = function () {
                    return {};
                };

                /**
                 * Converts this Ringing to JSON.
                 * @function toJSON
                 * @memberof cunke.device.v1.Ringing
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Ringing.prototype.toJSON = function() {
                    return Ringing.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for Ringing
                 * @function getTypeUrl
                 * @memberof cunke.device.v1.Ringing
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Ringing.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/cunke.device.v1.Ringing";
                };

                return Ringing;
            })();

            v1.Answered = (function() {

                /**
                 * Properties of an Answered.
                 * @typedef {Object} cunke.device.v1.Answered.$Properties
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an Answered.
                 * @memberof cunke.device.v1
                 * @interface IAnswered
                 * @augments cunke.device.v1.Answered.$Properties
                 * @deprecated Use cunke.device.v1.Answered.$Properties instead.
                 */

                /**
                 * Shape of an Answered.
                 * @typedef {cunke.device.v1.Answered.$Properties} cunke.device.v1.Answered.$Shape
                 */

                /**
                 * Constructs a new Answered.
                 * @memberof cunke.device.v1
                 * @classdesc Represents an Answered.
                 * @constructor
                 * @param {cunke.device.v1.Answered.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Answered = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Creates a new Answered instance using the specified properties.
                 * @function create
                 * @memberof cunke.device.v1.Answered
                 * @static
                 * @param {cunke.device.v1.Answered.$Properties=} [properties] Properties to set
                 * @returns {cunke.device.v1.Answered} Answered instance
                 * @type {{
                 *   (properties: cunke.device.v1.Answered.$Shape): cunke.device.v1.Answered & cunke.device.v1.Answered.$Shape;
                 *   (properties?: cunke.device.v1.Answered.$Properties): cunke.device.v1.Answered;
                 * }}
                 */
                Answered.create = function(properties) {
                    return new Answered(properties);
                };

                /**
                 * Encodes the specified Answered message. Does not implicitly {@link cunke.device.v1.Answered.verify|verify} messages.
                 * @function encode
                 * @memberof cunke.device.v1.Answered
                 * @static
                 * @param {cunke.device.v1.Answered.$Properties} message Answered message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Answered.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes an Answered message from the specified reader or buffer.
                 * @function decode
                 * @memberof cunke.device.v1.Answered
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {cunke.device.v1.Answered & cunke.device.v1.Answered.$Shape} Answered
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Answered.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.cunke.device.v1.Answered();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        reader.skipType(tag & 7, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Verifies an Answered message.
                 * @function verify
                 * @memberof cunke.device.v1.Answered
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                Answered.verify = function (message, _depth) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        return "max depth exceeded";
                    return null;
                };

                /**
                 * Creates an Answered message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof cunke.device.v1.Answered
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {cunke.device.v1.Answered} Answered
                 */
                Answered.fromObject = function (object, _depth) {
                    if (object instanceof $root.cunke.device.v1.Answered)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".cunke.device.v1.Answered: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    return new $root.cunke.device.v1.Answered();
                };

                /**
                 * Creates a plain object from an Answered message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof cunke.device.v1.Answered
                 * @static
                 * @param {cunke.device.v1.Answered} message Answered
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Answered.toObject = function () {
                    return {};
                };

                /**
                 * Converts this Answered to JSON.
                 * @function toJSON
                 * @memberof cunke.device.v1.Answered
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Answered.prototype.toJSON = function() {
                    return Answered.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for Answered
                 * @function getTypeUrl
                 * @memberof cunke.device.v1.Answered
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Answered.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/cunke.device.v1.Answered";
                };

                return Answered;
            })();

            /**
             * HangupCause enum.
             * @name cunke.device.v1.HangupCause
             * @enum {number}
             * @property {number} HANGUP_CAUSE_UNSPECIFIED=0 HANGUP_CAUSE_UNSPECIFIED value
             * @property {number} HANGUP_CAUSE_NORMAL_CLEARING=1 HANGUP_CAUSE_NORMAL_CLEARING value
             * @property {number} HANGUP_CAUSE_NO_ANSWER=2 HANGUP_CAUSE_NO_ANSWER value
             * @property {number} HANGUP_CAUSE_USER_BUSY=3 HANGUP_CAUSE_USER_BUSY value
             * @property {number} HANGUP_CAUSE_CALL_REJECTED=4 HANGUP_CAUSE_CALL_REJECTED value
             * @property {number} HANGUP_CAUSE_INVALID_NUMBER=5 HANGUP_CAUSE_INVALID_NUMBER value
             * @property {number} HANGUP_CAUSE_NETWORK_FAILURE=6 HANGUP_CAUSE_NETWORK_FAILURE value
             * @property {number} HANGUP_CAUSE_CANCELLED=7 HANGUP_CAUSE_CANCELLED value
             * @property {number} HANGUP_CAUSE_UNREACHABLE=8 HANGUP_CAUSE_UNREACHABLE value
             */
            v1.HangupCause = (function() {
                const valuesById = $Object.create(null), values = $Object.create(valuesById);
                values[valuesById[0] = "HANGUP_CAUSE_UNSPECIFIED"] = 0;
                values[valuesById[1] = "HANGUP_CAUSE_NORMAL_CLEARING"] = 1;
                values[valuesById[2] = "HANGUP_CAUSE_NO_ANSWER"] = 2;
                values[valuesById[3] = "HANGUP_CAUSE_USER_BUSY"] = 3;
                values[valuesById[4] = "HANGUP_CAUSE_CALL_REJECTED"] = 4;
                values[valuesById[5] = "HANGUP_CAUSE_INVALID_NUMBER"] = 5;
                values[valuesById[6] = "HANGUP_CAUSE_NETWORK_FAILURE"] = 6;
                values[valuesById[7] = "HANGUP_CAUSE_CANCELLED"] = 7;
                values[valuesById[8] = "HANGUP_CAUSE_UNREACHABLE"] = 8;
                return values;
            })();

            /**
             * HangupParty enum.
             * @name cunke.device.v1.HangupParty
             * @enum {number}
             * @property {number} HANGUP_PARTY_UNSPECIFIED=0 HANGUP_PARTY_UNSPECIFIED value
             * @property {number} HANGUP_PARTY_LOCAL=1 HANGUP_PARTY_LOCAL value
             * @property {number} HANGUP_PARTY_REMOTE=2 HANGUP_PARTY_REMOTE value
             * @property {number} HANGUP_PARTY_NETWORK=3 HANGUP_PARTY_NETWORK value
             */
            v1.HangupParty = (function() {
                const valuesById = $Object.create(null), values = $Object.create(valuesById);
                values[valuesById[0] = "HANGUP_PARTY_UNSPECIFIED"] = 0;
                values[valuesById[1] = "HANGUP_PARTY_LOCAL"] = 1;
                values[valuesById[2] = "HANGUP_PARTY_REMOTE"] = 2;
                values[valuesById[3] = "HANGUP_PARTY_NETWORK"] = 3;
                return values;
            })();

            v1.Hangup = (function() {

                /**
                 * Properties of a Hangup.
                 * @typedef {Object} cunke.device.v1.Hangup.$Properties
                 * @property {cunke.device.v1.HangupCause|null} [cause] Hangup cause
                 * @property {cunke.device.v1.HangupParty|null} [party] Hangup party
                 * @property {number|null} [protocolCode] Hangup protocolCode
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Hangup.
                 * @memberof cunke.device.v1
                 * @interface IHangup
                 * @augments cunke.device.v1.Hangup.$Properties
                 * @deprecated Use cunke.device.v1.Hangup.$Properties instead.
                 */

                /**
                 * Shape of a Hangup.
                 * @typedef {cunke.device.v1.Hangup.$Properties} cunke.device.v1.Hangup.$Shape
                 */

                /**
                 * Constructs a new Hangup.
                 * @memberof cunke.device.v1
                 * @classdesc Represents a Hangup.
                 * @constructor
                 * @param {cunke.device.v1.Hangup.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Hangup = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Hangup cause.
                 * @member {cunke.device.v1.HangupCause} cause
                 * @memberof cunke.device.v1.Hangup
                 * @instance
                 */
                Hangup.prototype.cause = 0;

                /**
                 * Hangup party.
                 * @member {cunke.device.v1.HangupParty} party
                 * @memberof cunke.device.v1.Hangup
                 * @instance
                 */
                Hangup.prototype.party = 0;

                /**
                 * Hangup protocolCode.
                 * @member {number} protocolCode
                 * @memberof cunke.device.v1.Hangup
                 * @instance
                 */
                Hangup.prototype.protocolCode = 0;

                /**
                 * Creates a new Hangup instance using the specified properties.
                 * @function create
                 * @memberof cunke.device.v1.Hangup
                 * @static
                 * @param {cunke.device.v1.Hangup.$Properties=} [properties] Properties to set
                 * @returns {cunke.device.v1.Hangup} Hangup instance
                 * @type {{
                 *   (properties: cunke.device.v1.Hangup.$Shape): cunke.device.v1.Hangup & cunke.device.v1.Hangup.$Shape;
                 *   (properties?: cunke.device.v1.Hangup.$Properties): cunke.device.v1.Hangup;
                 * }}
                 */
                Hangup.create = function(properties) {
                    return new Hangup(properties);
                };

                /**
                 * Encodes the specified Hangup message. Does not implicitly {@link cunke.device.v1.Hangup.verify|verify} messages.
                 * @function encode
                 * @memberof cunke.device.v1.Hangup
                 * @static
                 * @param {cunke.device.v1.Hangup.$Properties} message Hangup message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Hangup.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.cause != null && $Object.hasOwnProperty.call(message, "cause") && message.cause !== 0)
                        writer.uint32(/* id 1, wireType 0 =*/8).int32(message.cause);
                    if (message.party != null && $Object.hasOwnProperty.call(message, "party") && message.party !== 0)
                        writer.uint32(/* id 2, wireType 0 =*/16).int32(message.party);
                    if (message.protocolCode != null && $Object.hasOwnProperty.call(message, "protocolCode") && message.protocolCode !== 0)
                        writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.protocolCode);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a Hangup message from the specified reader or buffer.
                 * @function decode
                 * @memberof cunke.device.v1.Hangup
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {cunke.device.v1.Hangup & cunke.device.v1.Hangup.$Shape} Hangup
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Hangup.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.cunke.device.v1.Hangup();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.int32())
                                    message.cause = value;
                                else
                                    delete message.cause;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.int32())
                                    message.party = value;
                                else
                                    delete message.party;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.protocolCode = value;
                                else
                                    delete message.protocolCode;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Verifies a Hangup message.
                 * @function verify
                 * @memberof cunke.device.v1.Hangup
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                Hangup.verify = function (message, _depth) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        return "max depth exceeded";
                    if (message.cause != null && $Object.hasOwnProperty.call(message, "cause"))
                        if (typeof message.cause !== "number" || (message.cause | 0) !== message.cause)
                            return "cause: enum value expected";
                    if (message.party != null && $Object.hasOwnProperty.call(message, "party"))
                        if (typeof message.party !== "number" || (message.party | 0) !== message.party)
                            return "party: enum value expected";
                    if (message.protocolCode != null && $Object.hasOwnProperty.call(message, "protocolCode"))
                        if (!$util.isInteger(message.protocolCode))
                            return "protocolCode: integer expected";
                    return null;
                };

                /**
                 * Creates a Hangup message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof cunke.device.v1.Hangup
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {cunke.device.v1.Hangup} Hangup
                 */
                Hangup.fromObject = function (object, _depth) {
                    if (object instanceof $root.cunke.device.v1.Hangup)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".cunke.device.v1.Hangup: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.cunke.device.v1.Hangup();
                    if (object.cause !== 0 && (typeof object.cause !== "string" || $root.cunke.device.v1.HangupCause[object.cause] !== 0))
                        switch (object.cause) {
                        case "HANGUP_CAUSE_UNSPECIFIED":
                        case 0:
                            message.cause = 0;
                            break;
                        case "HANGUP_CAUSE_NORMAL_CLEARING":
                        case 1:
                            message.cause = 1;
                            break;
                        case "HANGUP_CAUSE_NO_ANSWER":
                        case 2:
                            message.cause = 2;
                            break;
                        case "HANGUP_CAUSE_USER_BUSY":
                        case 3:
                            message.cause = 3;
                            break;
                        case "HANGUP_CAUSE_CALL_REJECTED":
                        case 4:
                            message.cause = 4;
                            break;
                        case "HANGUP_CAUSE_INVALID_NUMBER":
                        case 5:
                            message.cause = 5;
                            break;
                        case "HANGUP_CAUSE_NETWORK_FAILURE":
                        case 6:
                            message.cause = 6;
                            break;
                        case "HANGUP_CAUSE_CANCELLED":
                        case 7:
                            message.cause = 7;
                            break;
                        case "HANGUP_CAUSE_UNREACHABLE":
                        case 8:
                            message.cause = 8;
                            break;
                        default:
                            if (typeof object.cause === "number" && (object.cause | 0) === object.cause)
                                message.cause = object.cause;
                        }
                    if (object.party !== 0 && (typeof object.party !== "string" || $root.cunke.device.v1.HangupParty[object.party] !== 0))
                        switch (object.party) {
                        case "HANGUP_PARTY_UNSPECIFIED":
                        case 0:
                            message.party = 0;
                            break;
                        case "HANGUP_PARTY_LOCAL":
                        case 1:
                            message.party = 1;
                            break;
                        case "HANGUP_PARTY_REMOTE":
                        case 2:
                            message.party = 2;
                            break;
                        case "HANGUP_PARTY_NETWORK":
                        case 3:
                            message.party = 3;
                            break;
                        default:
                            if (typeof object.party === "number" && (object.party | 0) === object.party)
                                message.party = object.party;
                        }
                    if (object.protocolCode != null)
                        if ($Number(object.protocolCode) !== 0)
                            message.protocolCode = object.protocolCode >>> 0;
                    return message;
                };

                /**
                 * Creates a plain object from a Hangup message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof cunke.device.v1.Hangup
                 * @static
                 * @param {cunke.device.v1.Hangup} message Hangup
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Hangup.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.cause = options.enums === $String ? "HANGUP_CAUSE_UNSPECIFIED" : 0;
                        object.party = options.enums === $String ? "HANGUP_PARTY_UNSPECIFIED" : 0;
                        object.protocolCode = 0;
                    }
                    if (message.cause != null && $Object.hasOwnProperty.call(message, "cause"))
                        object.cause = options.enums === $String ? $root.cunke.device.v1.HangupCause[message.cause] === $undefined ? message.cause : $root.cunke.device.v1.HangupCause[message.cause] : message.cause;
                    if (message.party != null && $Object.hasOwnProperty.call(message, "party"))
                        object.party = options.enums === $String ? $root.cunke.device.v1.HangupParty[message.party] === $undefined ? message.party : $root.cunke.device.v1.HangupParty[message.party] : message.party;
                    if (message.protocolCode != null && $Object.hasOwnProperty.call(message, "protocolCode"))
                        object.protocolCode = message.protocolCode;
                    return object;
                };

                /**
                 * Converts this Hangup to JSON.
                 * @function toJSON
                 * @memberof cunke.device.v1.Hangup
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Hangup.prototype.toJSON = function() {
                    return Hangup.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for Hangup
                 * @function getTypeUrl
                 * @memberof cunke.device.v1.Hangup
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Hangup.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/cunke.device.v1.Hangup";
                };

                return Hangup;
            })();

            v1.Ended = (function() {

                /**
                 * Properties of an Ended.
                 * @typedef {Object} cunke.device.v1.Ended.$Properties
                 * @property {cunke.device.v1.HangupCause|null} [cause] Ended cause
                 * @property {number|null} [ringDurationMs] Ended ringDurationMs
                 * @property {number|null} [talkDurationMs] Ended talkDurationMs
                 * @property {number|null} [totalDurationMs] Ended totalDurationMs
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an Ended.
                 * @memberof cunke.device.v1
                 * @interface IEnded
                 * @augments cunke.device.v1.Ended.$Properties
                 * @deprecated Use cunke.device.v1.Ended.$Properties instead.
                 */

                /**
                 * Shape of an Ended.
                 * @typedef {cunke.device.v1.Ended.$Properties} cunke.device.v1.Ended.$Shape
                 */

                /**
                 * Constructs a new Ended.
                 * @memberof cunke.device.v1
                 * @classdesc Represents an Ended.
                 * @constructor
                 * @param {cunke.device.v1.Ended.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Ended = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Ended cause.
                 * @member {cunke.device.v1.HangupCause} cause
                 * @memberof cunke.device.v1.Ended
                 * @instance
                 */
                Ended.prototype.cause = 0;

                /**
                 * Ended ringDurationMs.
                 * @member {number} ringDurationMs
                 * @memberof cunke.device.v1.Ended
                 * @instance
                 */
                Ended.prototype.ringDurationMs = 0;

                /**
                 * Ended talkDurationMs.
                 * @member {number} talkDurationMs
                 * @memberof cunke.device.v1.Ended
                 * @instance
                 */
                Ended.prototype.talkDurationMs = 0;

                /**
                 * Ended totalDurationMs.
                 * @member {number} totalDurationMs
                 * @memberof cunke.device.v1.Ended
                 * @instance
                 */
                Ended.prototype.totalDurationMs = 0;

                /**
                 * Creates a new Ended instance using the specified properties.
                 * @function create
                 * @memberof cunke.device.v1.Ended
                 * @static
                 * @param {cunke.device.v1.Ended.$Properties=} [properties] Properties to set
                 * @returns {cunke.device.v1.Ended} Ended instance
                 * @type {{
                 *   (properties: cunke.device.v1.Ended.$Shape): cunke.device.v1.Ended & cunke.device.v1.Ended.$Shape;
                 *   (properties?: cunke.device.v1.Ended.$Properties): cunke.device.v1.Ended;
                 * }}
                 */
                Ended.create = function(properties) {
                    return new Ended(properties);
                };

                /**
                 * Encodes the specified Ended message. Does not implicitly {@link cunke.device.v1.Ended.verify|verify} messages.
                 * @function encode
                 * @memberof cunke.device.v1.Ended
                 * @static
                 * @param {cunke.device.v1.Ended.$Properties} message Ended message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Ended.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.cause != null && $Object.hasOwnProperty.call(message, "cause") && message.cause !== 0)
                        writer.uint32(/* id 1, wireType 0 =*/8).int32(message.cause);
                    if (message.ringDurationMs != null && $Object.hasOwnProperty.call(message, "ringDurationMs") && message.ringDurationMs !== 0)
                        writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.ringDurationMs);
                    if (message.talkDurationMs != null && $Object.hasOwnProperty.call(message, "talkDurationMs") && message.talkDurationMs !== 0)
                        writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.talkDurationMs);
                    if (message.totalDurationMs != null && $Object.hasOwnProperty.call(message, "totalDurationMs") && message.totalDurationMs !== 0)
                        writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.totalDurationMs);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes an Ended message from the specified reader or buffer.
                 * @function decode
                 * @memberof cunke.device.v1.Ended
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {cunke.device.v1.Ended & cunke.device.v1.Ended.$Shape} Ended
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Ended.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.cunke.device.v1.Ended();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.int32())
                                    message.cause = value;
                                else
                                    delete message.cause;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.ringDurationMs = value;
                                else
                                    delete message.ringDurationMs;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.talkDurationMs = value;
                                else
                                    delete message.talkDurationMs;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.totalDurationMs = value;
                                else
                                    delete message.totalDurationMs;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Verifies an Ended message.
                 * @function verify
                 * @memberof cunke.device.v1.Ended
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                Ended.verify = function (message, _depth) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        return "max depth exceeded";
                    if (message.cause != null && $Object.hasOwnProperty.call(message, "cause"))
                        if (typeof message.cause !== "number" || (message.cause | 0) !== message.cause)
                            return "cause: enum value expected";
                    if (message.ringDurationMs != null && $Object.hasOwnProperty.call(message, "ringDurationMs"))
                        if (!$util.isInteger(message.ringDurationMs))
                            return "ringDurationMs: integer expected";
                    if (message.talkDurationMs != null && $Object.hasOwnProperty.call(message, "talkDurationMs"))
                        if (!$util.isInteger(message.talkDurationMs))
                            return "talkDurationMs: integer expected";
                    if (message.totalDurationMs != null && $Object.hasOwnProperty.call(message, "totalDurationMs"))
                        if (!$util.isInteger(message.totalDurationMs))
                            return "totalDurationMs: integer expected";
                    return null;
                };

                /**
                 * Creates an Ended message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof cunke.device.v1.Ended
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {cunke.device.v1.Ended} Ended
                 */
                Ended.fromObject = function (object, _depth) {
                    if (object instanceof $root.cunke.device.v1.Ended)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".cunke.device.v1.Ended: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.cunke.device.v1.Ended();
                    if (object.cause !== 0 && (typeof object.cause !== "string" || $root.cunke.device.v1.HangupCause[object.cause] !== 0))
                        switch (object.cause) {
                        case "HANGUP_CAUSE_UNSPECIFIED":
                        case 0:
                            message.cause = 0;
                            break;
                        case "HANGUP_CAUSE_NORMAL_CLEARING":
                        case 1:
                            message.cause = 1;
                            break;
                        case "HANGUP_CAUSE_NO_ANSWER":
                        case 2:
                            message.cause = 2;
                            break;
                        case "HANGUP_CAUSE_USER_BUSY":
                        case 3:
                            message.cause = 3;
                            break;
                        case "HANGUP_CAUSE_CALL_REJECTED":
                        case 4:
                            message.cause = 4;
                            break;
                        case "HANGUP_CAUSE_INVALID_NUMBER":
                        case 5:
                            message.cause = 5;
                            break;
                        case "HANGUP_CAUSE_NETWORK_FAILURE":
                        case 6:
                            message.cause = 6;
                            break;
                        case "HANGUP_CAUSE_CANCELLED":
                        case 7:
                            message.cause = 7;
                            break;
                        case "HANGUP_CAUSE_UNREACHABLE":
                        case 8:
                            message.cause = 8;
                            break;
                        default:
                            if (typeof object.cause === "number" && (object.cause | 0) === object.cause)
                                message.cause = object.cause;
                        }
                    if (object.ringDurationMs != null)
                        if ($Number(object.ringDurationMs) !== 0)
                            message.ringDurationMs = object.ringDurationMs >>> 0;
                    if (object.talkDurationMs != null)
                        if ($Number(object.talkDurationMs) !== 0)
                            message.talkDurationMs = object.talkDurationMs >>> 0;
                    if (object.totalDurationMs != null)
                        if ($Number(object.totalDurationMs) !== 0)
                            message.totalDurationMs = object.totalDurationMs >>> 0;
                    return message;
                };

                /**
                 * Creates a plain object from an Ended message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof cunke.device.v1.Ended
                 * @static
                 * @param {cunke.device.v1.Ended} message Ended
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Ended.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.cause = options.enums === $String ? "HANGUP_CAUSE_UNSPECIFIED" : 0;
                        object.ringDurationMs = 0;
                        object.talkDurationMs = 0;
                        object.totalDurationMs = 0;
                    }
                    if (message.cause != null && $Object.hasOwnProperty.call(message, "cause"))
                        object.cause = options.enums === $String ? $root.cunke.device.v1.HangupCause[message.cause] === $undefined ? message.cause : $root.cunke.device.v1.HangupCause[message.cause] : message.cause;
                    if (message.ringDurationMs != null && $Object.hasOwnProperty.call(message, "ringDurationMs"))
                        object.ringDurationMs = message.ringDurationMs;
                    if (message.talkDurationMs != null && $Object.hasOwnProperty.call(message, "talkDurationMs"))
                        object.talkDurationMs = message.talkDurationMs;
                    if (message.totalDurationMs != null && $Object.hasOwnProperty.call(message, "totalDurationMs"))
                        object.totalDurationMs = message.totalDurationMs;
                    return object;
                };

                /**
                 * Converts this Ended to JSON.
                 * @function toJSON
                 * @memberof cunke.device.v1.Ended
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Ended.prototype.toJSON = function() {
                    return Ended.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for Ended
                 * @function getTypeUrl
                 * @memberof cunke.device.v1.Ended
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Ended.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/cunke.device.v1.Ended";
                };

                return Ended;
            })();

            v1.RecordingReady = (function() {

                /**
                 * Properties of a RecordingReady.
                 * @typedef {Object} cunke.device.v1.RecordingReady.$Properties
                 * @property {string|null} [recordingId] RecordingReady recordingId
                 * @property {number|null} [durationMs] RecordingReady durationMs
                 * @property {number|null} [sizeBytes] RecordingReady sizeBytes
                 * @property {string|null} [sha256] RecordingReady sha256
                 * @property {string|null} [contentType] RecordingReady contentType
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a RecordingReady.
                 * @memberof cunke.device.v1
                 * @interface IRecordingReady
                 * @augments cunke.device.v1.RecordingReady.$Properties
                 * @deprecated Use cunke.device.v1.RecordingReady.$Properties instead.
                 */

                /**
                 * Shape of a RecordingReady.
                 * @typedef {cunke.device.v1.RecordingReady.$Properties} cunke.device.v1.RecordingReady.$Shape
                 */

                /**
                 * Constructs a new RecordingReady.
                 * @memberof cunke.device.v1
                 * @classdesc Represents a RecordingReady.
                 * @constructor
                 * @param {cunke.device.v1.RecordingReady.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const RecordingReady = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * RecordingReady recordingId.
                 * @member {string} recordingId
                 * @memberof cunke.device.v1.RecordingReady
                 * @instance
                 */
                RecordingReady.prototype.recordingId = "";

                /**
                 * RecordingReady durationMs.
                 * @member {number} durationMs
                 * @memberof cunke.device.v1.RecordingReady
                 * @instance
                 */
                RecordingReady.prototype.durationMs = 0;

                /**
                 * RecordingReady sizeBytes.
                 * @member {number} sizeBytes
                 * @memberof cunke.device.v1.RecordingReady
                 * @instance
                 */
                RecordingReady.prototype.sizeBytes = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * RecordingReady sha256.
                 * @member {string} sha256
                 * @memberof cunke.device.v1.RecordingReady
                 * @instance
                 */
                RecordingReady.prototype.sha256 = "";

                /**
                 * RecordingReady contentType.
                 * @member {string} contentType
                 * @memberof cunke.device.v1.RecordingReady
                 * @instance
                 */
                RecordingReady.prototype.contentType = "";

                /**
                 * Creates a new RecordingReady instance using the specified properties.
                 * @function create
                 * @memberof cunke.device.v1.RecordingReady
                 * @static
                 * @param {cunke.device.v1.RecordingReady.$Properties=} [properties] Properties to set
                 * @returns {cunke.device.v1.RecordingReady} RecordingReady instance
                 * @type {{
                 *   (properties: cunke.device.v1.RecordingReady.$Shape): cunke.device.v1.RecordingReady & cunke.device.v1.RecordingReady.$Shape;
                 *   (properties?: cunke.device.v1.RecordingReady.$Properties): cunke.device.v1.RecordingReady;
                 * }}
                 */
                RecordingReady.create = function(properties) {
                    return new RecordingReady(properties);
                };

                /**
                 * Encodes the specified RecordingReady message. Does not implicitly {@link cunke.device.v1.RecordingReady.verify|verify} messages.
                 * @function encode
                 * @memberof cunke.device.v1.RecordingReady
                 * @static
                 * @param {cunke.device.v1.RecordingReady.$Properties} message RecordingReady message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                RecordingReady.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.recordingId != null && $Object.hasOwnProperty.call(message, "recordingId") && message.recordingId !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.recordingId);
                    if (message.durationMs != null && $Object.hasOwnProperty.call(message, "durationMs") && message.durationMs !== 0)
                        writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.durationMs);
                    if (message.sizeBytes != null && $Object.hasOwnProperty.call(message, "sizeBytes") && (typeof message.sizeBytes === "object" ? message.sizeBytes.low || message.sizeBytes.high : message.sizeBytes !== 0))
                        writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.sizeBytes);
                    if (message.sha256 != null && $Object.hasOwnProperty.call(message, "sha256") && message.sha256 !== "")
                        writer.uint32(/* id 4, wireType 2 =*/34).string(message.sha256);
                    if (message.contentType != null && $Object.hasOwnProperty.call(message, "contentType") && message.contentType !== "")
                        writer.uint32(/* id 5, wireType 2 =*/42).string(message.contentType);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a RecordingReady message from the specified reader or buffer.
                 * @function decode
                 * @memberof cunke.device.v1.RecordingReady
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {cunke.device.v1.RecordingReady & cunke.device.v1.RecordingReady.$Shape} RecordingReady
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                RecordingReady.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.cunke.device.v1.RecordingReady();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.recordingId = value;
                                else
                                    delete message.recordingId;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.durationMs = value;
                                else
                                    delete message.durationMs;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.sizeBytes = value;
                                else
                                    delete message.sizeBytes;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.sha256 = value;
                                else
                                    delete message.sha256;
                                continue;
                            }
                        case 5: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.contentType = value;
                                else
                                    delete message.contentType;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Verifies a RecordingReady message.
                 * @function verify
                 * @memberof cunke.device.v1.RecordingReady
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                RecordingReady.verify = function (message, _depth) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        return "max depth exceeded";
                    if (message.recordingId != null && $Object.hasOwnProperty.call(message, "recordingId"))
                        if (!$util.isString(message.recordingId))
                            return "recordingId: string expected";
                    if (message.durationMs != null && $Object.hasOwnProperty.call(message, "durationMs"))
                        if (!$util.isInteger(message.durationMs))
                            return "durationMs: integer expected";
                    if (message.sizeBytes != null && $Object.hasOwnProperty.call(message, "sizeBytes"))
                        if (!$util.isInteger(message.sizeBytes) && !(message.sizeBytes && $util.isInteger(message.sizeBytes.low) && $util.isInteger(message.sizeBytes.high)))
                            return "sizeBytes: integer|Long expected";
                    if (message.sha256 != null && $Object.hasOwnProperty.call(message, "sha256"))
                        if (!$util.isString(message.sha256))
                            return "sha256: string expected";
                    if (message.contentType != null && $Object.hasOwnProperty.call(message, "contentType"))
                        if (!$util.isString(message.contentType))
                            return "contentType: string expected";
                    return null;
                };

                /**
                 * Creates a RecordingReady message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof cunke.device.v1.RecordingReady
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {cunke.device.v1.RecordingReady} RecordingReady
                 */
                RecordingReady.fromObject = function (object, _depth) {
                    if (object instanceof $root.cunke.device.v1.RecordingReady)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".cunke.device.v1.RecordingReady: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.cunke.device.v1.RecordingReady();
                    if (object.recordingId != null)
                        if (typeof object.recordingId !== "string" || object.recordingId.length)
                            message.recordingId = $String(object.recordingId);
                    if (object.durationMs != null)
                        if ($Number(object.durationMs) !== 0)
                            message.durationMs = object.durationMs >>> 0;
                    if (object.sizeBytes != null)
                        if (typeof object.sizeBytes === "object" ? object.sizeBytes.low || object.sizeBytes.high : $Number(object.sizeBytes) !== 0)
                            if ($util.Long)
                                message.sizeBytes = $util.Long.fromValue(object.sizeBytes, true);
                            else if (typeof object.sizeBytes === "string")
                                message.sizeBytes = $parseInt(object.sizeBytes, 10);
                            else if (typeof object.sizeBytes === "number")
                                message.sizeBytes = object.sizeBytes;
                            else if (typeof object.sizeBytes === "object")
                                message.sizeBytes = new $util.LongBits(object.sizeBytes.low >>> 0, object.sizeBytes.high >>> 0).toNumber(true);
                    if (object.sha256 != null)
                        if (typeof object.sha256 !== "string" || object.sha256.length)
                            message.sha256 = $String(object.sha256);
                    if (object.contentType != null)
                        if (typeof object.contentType !== "string" || object.contentType.length)
                            message.contentType = $String(object.contentType);
                    return message;
                };

                /**
                 * Creates a plain object from a RecordingReady message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof cunke.device.v1.RecordingReady
                 * @static
                 * @param {cunke.device.v1.RecordingReady} message RecordingReady
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                RecordingReady.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.recordingId = "";
                        object.durationMs = 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.sizeBytes = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.sizeBytes = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        object.sha256 = "";
                        object.contentType = "";
                    }
                    if (message.recordingId != null && $Object.hasOwnProperty.call(message, "recordingId"))
                        object.recordingId = message.recordingId;
                    if (message.durationMs != null && $Object.hasOwnProperty.call(message, "durationMs"))
                        object.durationMs = message.durationMs;
                    if (message.sizeBytes != null && $Object.hasOwnProperty.call(message, "sizeBytes"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.sizeBytes = typeof message.sizeBytes === "number" ? $BigInt(message.sizeBytes) : $util.Long.fromBits(message.sizeBytes.low >>> 0, message.sizeBytes.high >>> 0, true).toBigInt();
                        else if (typeof message.sizeBytes === "number")
                            object.sizeBytes = options.longs === $String ? $String(message.sizeBytes) : message.sizeBytes;
                        else
                            object.sizeBytes = options.longs === $String ? $util.Long.prototype.toString.call(message.sizeBytes) : options.longs === $Number ? new $util.LongBits(message.sizeBytes.low >>> 0, message.sizeBytes.high >>> 0).toNumber(true) : message.sizeBytes;
                    if (message.sha256 != null && $Object.hasOwnProperty.call(message, "sha256"))
                        object.sha256 = message.sha256;
                    if (message.contentType != null && $Object.hasOwnProperty.call(message, "contentType"))
                        object.contentType = message.contentType;
                    return object;
                };

                /**
                 * Converts this RecordingReady to JSON.
                 * @function toJSON
                 * @memberof cunke.device.v1.RecordingReady
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                RecordingReady.prototype.toJSON = function() {
                    return RecordingReady.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for RecordingReady
                 * @function getTypeUrl
                 * @memberof cunke.device.v1.RecordingReady
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                RecordingReady.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/cunke.device.v1.RecordingReady";
                };

                return RecordingReady;
            })();

            /**
             * SimState enum.
             * @name cunke.device.v1.SimState
             * @enum {number}
             * @property {number} SIM_STATE_UNSPECIFIED=0 SIM_STATE_UNSPECIFIED value
             * @property {number} SIM_STATE_READY=1 SIM_STATE_READY value
             * @property {number} SIM_STATE_ABSENT=2 SIM_STATE_ABSENT value
             * @property {number} SIM_STATE_LOCKED=3 SIM_STATE_LOCKED value
             * @property {number} SIM_STATE_NO_SERVICE=4 SIM_STATE_NO_SERVICE value
             */
            v1.SimState = (function() {
                const valuesById = $Object.create(null), values = $Object.create(valuesById);
                values[valuesById[0] = "SIM_STATE_UNSPECIFIED"] = 0;
                values[valuesById[1] = "SIM_STATE_READY"] = 1;
                values[valuesById[2] = "SIM_STATE_ABSENT"] = 2;
                values[valuesById[3] = "SIM_STATE_LOCKED"] = 3;
                values[valuesById[4] = "SIM_STATE_NO_SERVICE"] = 4;
                return values;
            })();

            /**
             * LineState enum.
             * @name cunke.device.v1.LineState
             * @enum {number}
             * @property {number} LINE_STATE_UNSPECIFIED=0 LINE_STATE_UNSPECIFIED value
             * @property {number} LINE_STATE_IDLE=1 LINE_STATE_IDLE value
             * @property {number} LINE_STATE_DIALING=2 LINE_STATE_DIALING value
             * @property {number} LINE_STATE_RINGING=3 LINE_STATE_RINGING value
             * @property {number} LINE_STATE_IN_CALL=4 LINE_STATE_IN_CALL value
             */
            v1.LineState = (function() {
                const valuesById = $Object.create(null), values = $Object.create(valuesById);
                values[valuesById[0] = "LINE_STATE_UNSPECIFIED"] = 0;
                values[valuesById[1] = "LINE_STATE_IDLE"] = 1;
                values[valuesById[2] = "LINE_STATE_DIALING"] = 2;
                values[valuesById[3] = "LINE_STATE_RINGING"] = 3;
                values[valuesById[4] = "LINE_STATE_IN_CALL"] = 4;
                return values;
            })();

            v1.Heartbeat = (function() {

                /**
                 * Properties of a Heartbeat.
                 * @typedef {Object} cunke.device.v1.Heartbeat.$Properties
                 * @property {number|null} [batteryPct] Heartbeat batteryPct
                 * @property {boolean|null} [charging] Heartbeat charging
                 * @property {number|null} [signalDbm] Heartbeat signalDbm
                 * @property {number|null} [signalLevel] Heartbeat signalLevel
                 * @property {cunke.device.v1.SimState|null} [simState] Heartbeat simState
                 * @property {cunke.device.v1.LineState|null} [lineState] Heartbeat lineState
                 * @property {string|null} [activeCallId] Heartbeat activeCallId
                 * @property {string|null} [agentVersion] Heartbeat agentVersion
                 * @property {number|null} [uptimeS] Heartbeat uptimeS
                 * @property {number|null} [outboxDepth] Heartbeat outboxDepth
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Heartbeat.
                 * @memberof cunke.device.v1
                 * @interface IHeartbeat
                 * @augments cunke.device.v1.Heartbeat.$Properties
                 * @deprecated Use cunke.device.v1.Heartbeat.$Properties instead.
                 */

                /**
                 * Shape of a Heartbeat.
                 * @typedef {cunke.device.v1.Heartbeat.$Properties} cunke.device.v1.Heartbeat.$Shape
                 */

                /**
                 * Constructs a new Heartbeat.
                 * @memberof cunke.device.v1
                 * @classdesc Represents a Heartbeat.
                 * @constructor
                 * @param {cunke.device.v1.Heartbeat.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Heartbeat = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Heartbeat batteryPct.
                 * @member {number} batteryPct
                 * @memberof cunke.device.v1.Heartbeat
                 * @instance
                 */
                Heartbeat.prototype.batteryPct = 0;

                /**
                 * Heartbeat charging.
                 * @member {boolean} charging
                 * @memberof cunke.device.v1.Heartbeat
                 * @instance
                 */
                Heartbeat.prototype.charging = false;

                /**
                 * Heartbeat signalDbm.
                 * @member {number} signalDbm
                 * @memberof cunke.device.v1.Heartbeat
                 * @instance
                 */
                Heartbeat.prototype.signalDbm = 0;

                /**
                 * Heartbeat signalLevel.
                 * @member {number} signalLevel
                 * @memberof cunke.device.v1.Heartbeat
                 * @instance
                 */
                Heartbeat.prototype.signalLevel = 0;

                /**
                 * Heartbeat simState.
                 * @member {cunke.device.v1.SimState} simState
                 * @memberof cunke.device.v1.Heartbeat
                 * @instance
                 */
                Heartbeat.prototype.simState = 0;

                /**
                 * Heartbeat lineState.
                 * @member {cunke.device.v1.LineState} lineState
                 * @memberof cunke.device.v1.Heartbeat
                 * @instance
                 */
                Heartbeat.prototype.lineState = 0;

                /**
                 * Heartbeat activeCallId.
                 * @member {string} activeCallId
                 * @memberof cunke.device.v1.Heartbeat
                 * @instance
                 */
                Heartbeat.prototype.activeCallId = "";

                /**
                 * Heartbeat agentVersion.
                 * @member {string} agentVersion
                 * @memberof cunke.device.v1.Heartbeat
                 * @instance
                 */
                Heartbeat.prototype.agentVersion = "";

                /**
                 * Heartbeat uptimeS.
                 * @member {number} uptimeS
                 * @memberof cunke.device.v1.Heartbeat
                 * @instance
                 */
                Heartbeat.prototype.uptimeS = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * Heartbeat outboxDepth.
                 * @member {number} outboxDepth
                 * @memberof cunke.device.v1.Heartbeat
                 * @instance
                 */
                Heartbeat.prototype.outboxDepth = 0;

                /**
                 * Creates a new Heartbeat instance using the specified properties.
                 * @function create
                 * @memberof cunke.device.v1.Heartbeat
                 * @static
                 * @param {cunke.device.v1.Heartbeat.$Properties=} [properties] Properties to set
                 * @returns {cunke.device.v1.Heartbeat} Heartbeat instance
                 * @type {{
                 *   (properties: cunke.device.v1.Heartbeat.$Shape): cunke.device.v1.Heartbeat & cunke.device.v1.Heartbeat.$Shape;
                 *   (properties?: cunke.device.v1.Heartbeat.$Properties): cunke.device.v1.Heartbeat;
                 * }}
                 */
                Heartbeat.create = function(properties) {
                    return new Heartbeat(properties);
                };

                /**
                 * Encodes the specified Heartbeat message. Does not implicitly {@link cunke.device.v1.Heartbeat.verify|verify} messages.
                 * @function encode
                 * @memberof cunke.device.v1.Heartbeat
                 * @static
                 * @param {cunke.device.v1.Heartbeat.$Properties} message Heartbeat message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Heartbeat.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.batteryPct != null && $Object.hasOwnProperty.call(message, "batteryPct") && message.batteryPct !== 0)
                        writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.batteryPct);
                    if (message.charging != null && $Object.hasOwnProperty.call(message, "charging") && message.charging !== false)
                        writer.uint32(/* id 2, wireType 0 =*/16).bool(message.charging);
                    if (message.signalDbm != null && $Object.hasOwnProperty.call(message, "signalDbm") && message.signalDbm !== 0)
                        writer.uint32(/* id 3, wireType 0 =*/24).int32(message.signalDbm);
                    if (message.signalLevel != null && $Object.hasOwnProperty.call(message, "signalLevel") && message.signalLevel !== 0)
                        writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.signalLevel);
                    if (message.simState != null && $Object.hasOwnProperty.call(message, "simState") && message.simState !== 0)
                        writer.uint32(/* id 5, wireType 0 =*/40).int32(message.simState);
                    if (message.lineState != null && $Object.hasOwnProperty.call(message, "lineState") && message.lineState !== 0)
                        writer.uint32(/* id 6, wireType 0 =*/48).int32(message.lineState);
                    if (message.activeCallId != null && $Object.hasOwnProperty.call(message, "activeCallId") && message.activeCallId !== "")
                        writer.uint32(/* id 7, wireType 2 =*/58).string(message.activeCallId);
                    if (message.agentVersion != null && $Object.hasOwnProperty.call(message, "agentVersion") && message.agentVersion !== "")
                        writer.uint32(/* id 8, wireType 2 =*/66).string(message.agentVersion);
                    if (message.uptimeS != null && $Object.hasOwnProperty.call(message, "uptimeS") && (typeof message.uptimeS === "object" ? message.uptimeS.low || message.uptimeS.high : message.uptimeS !== 0))
                        writer.uint32(/* id 9, wireType 0 =*/72).uint64(message.uptimeS);
                    if (message.outboxDepth != null && $Object.hasOwnProperty.call(message, "outboxDepth") && message.outboxDepth !== 0)
                        writer.uint32(/* id 10, wireType 0 =*/80).uint32(message.outboxDepth);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a Heartbeat message from the specified reader or buffer.
                 * @function decode
                 * @memberof cunke.device.v1.Heartbeat
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {cunke.device.v1.Heartbeat & cunke.device.v1.Heartbeat.$Shape} Heartbeat
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Heartbeat.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.cunke.device.v1.Heartbeat();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.batteryPct = value;
                                else
                                    delete message.batteryPct;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.bool())
                                    message.charging = value;
                                else
                                    delete message.charging;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.int32())
                                    message.signalDbm = value;
                                else
                                    delete message.signalDbm;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.signalLevel = value;
                                else
                                    delete message.signalLevel;
                                continue;
                            }
                        case 5: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.int32())
                                    message.simState = value;
                                else
                                    delete message.simState;
                                continue;
                            }
                        case 6: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.int32())
                                    message.lineState = value;
                                else
                                    delete message.lineState;
                                continue;
                            }
                        case 7: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.activeCallId = value;
                                else
                                    delete message.activeCallId;
                                continue;
                            }
                        case 8: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.agentVersion = value;
                                else
                                    delete message.agentVersion;
                                continue;
                            }
                        case 9: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.uptimeS = value;
                                else
                                    delete message.uptimeS;
                                continue;
                            }
                        case 10: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.outboxDepth = value;
                                else
                                    delete message.outboxDepth;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Verifies a Heartbeat message.
                 * @function verify
                 * @memberof cunke.device.v1.Heartbeat
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                Heartbeat.verify = function (message, _depth) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        return "max depth exceeded";
                    if (message.batteryPct != null && $Object.hasOwnProperty.call(message, "batteryPct"))
                        if (!$util.isInteger(message.batteryPct))
                            return "batteryPct: integer expected";
                    if (message.charging != null && $Object.hasOwnProperty.call(message, "charging"))
                        if (typeof message.charging !== "boolean")
                            return "charging: boolean expected";
                    if (message.signalDbm != null && $Object.hasOwnProperty.call(message, "signalDbm"))
                        if (!$util.isInteger(message.signalDbm))
                            return "signalDbm: integer expected";
                    if (message.signalLevel != null && $Object.hasOwnProperty.call(message, "signalLevel"))
                        if (!$util.isInteger(message.signalLevel))
                            return "signalLevel: integer expected";
                    if (message.simState != null && $Object.hasOwnProperty.call(message, "simState"))
                        if (typeof message.simState !== "number" || (message.simState | 0) !== message.simState)
                            return "simState: enum value expected";
                    if (message.lineState != null && $Object.hasOwnProperty.call(message, "lineState"))
                        if (typeof message.lineState !== "number" || (message.lineState | 0) !== message.lineState)
                            return "lineState: enum value expected";
                    if (message.activeCallId != null && $Object.hasOwnProperty.call(message, "activeCallId"))
                        if (!$util.isString(message.activeCallId))
                            return "activeCallId: string expected";
                    if (message.agentVersion != null && $Object.hasOwnProperty.call(message, "agentVersion"))
                        if (!$util.isString(message.agentVersion))
                            return "agentVersion: string expected";
                    if (message.uptimeS != null && $Object.hasOwnProperty.call(message, "uptimeS"))
                        if (!$util.isInteger(message.uptimeS) && !(message.uptimeS && $util.isInteger(message.uptimeS.low) && $util.isInteger(message.uptimeS.high)))
                            return "uptimeS: integer|Long expected";
                    if (message.outboxDepth != null && $Object.hasOwnProperty.call(message, "outboxDepth"))
                        if (!$util.isInteger(message.outboxDepth))
                            return "outboxDepth: integer expected";
                    return null;
                };

                /**
                 * Creates a Heartbeat message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof cunke.device.v1.Heartbeat
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {cunke.device.v1.Heartbeat} Heartbeat
                 */
                Heartbeat.fromObject = function (object, _depth) {
                    if (object instanceof $root.cunke.device.v1.Heartbeat)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".cunke.device.v1.Heartbeat: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.cunke.device.v1.Heartbeat();
                    if (object.batteryPct != null)
                        if ($Number(object.batteryPct) !== 0)
                            message.batteryPct = object.batteryPct >>> 0;
                    if (object.charging != null)
                        if (object.charging)
                            message.charging = $Boolean(object.charging);
                    if (object.signalDbm != null)
                        if ($Number(object.signalDbm) !== 0)
                            message.signalDbm = object.signalDbm | 0;
                    if (object.signalLevel != null)
                        if ($Number(object.signalLevel) !== 0)
                            message.signalLevel = object.signalLevel >>> 0;
                    if (object.simState !== 0 && (typeof object.simState !== "string" || $root.cunke.device.v1.SimState[object.simState] !== 0))
                        switch (object.simState) {
                        case "SIM_STATE_UNSPECIFIED":
                        case 0:
                            message.simState = 0;
                            break;
                        case "SIM_STATE_READY":
                        case 1:
                            message.simState = 1;
                            break;
                        case "SIM_STATE_ABSENT":
                        case 2:
                            message.simState = 2;
                            break;
                        case "SIM_STATE_LOCKED":
                        case 3:
                            message.simState = 3;
                            break;
                        case "SIM_STATE_NO_SERVICE":
                        case 4:
                            message.simState = 4;
                            break;
                        default:
                            if (typeof object.simState === "number" && (object.simState | 0) === object.simState)
                                message.simState = object.simState;
                        }
                    if (object.lineState !== 0 && (typeof object.lineState !== "string" || $root.cunke.device.v1.LineState[object.lineState] !== 0))
                        switch (object.lineState) {
                        case "LINE_STATE_UNSPECIFIED":
                        case 0:
                            message.lineState = 0;
                            break;
                        case "LINE_STATE_IDLE":
                        case 1:
                            message.lineState = 1;
                            break;
                        case "LINE_STATE_DIALING":
                        case 2:
                            message.lineState = 2;
                            break;
                        case "LINE_STATE_RINGING":
                        case 3:
                            message.lineState = 3;
                            break;
                        case "LINE_STATE_IN_CALL":
                        case 4:
                            message.lineState = 4;
                            break;
                        default:
                            if (typeof object.lineState === "number" && (object.lineState | 0) === object.lineState)
                                message.lineState = object.lineState;
                        }
                    if (object.activeCallId != null)
                        if (typeof object.activeCallId !== "string" || object.activeCallId.length)
                            message.activeCallId = $String(object.activeCallId);
                    if (object.agentVersion != null)
                        if (typeof object.agentVersion !== "string" || object.agentVersion.length)
                            message.agentVersion = $String(object.agentVersion);
                    if (object.uptimeS != null)
                        if (typeof object.uptimeS === "object" ? object.uptimeS.low || object.uptimeS.high : $Number(object.uptimeS) !== 0)
                            if ($util.Long)
                                message.uptimeS = $util.Long.fromValue(object.uptimeS, true);
                            else if (typeof object.uptimeS === "string")
                                message.uptimeS = $parseInt(object.uptimeS, 10);
                            else if (typeof object.uptimeS === "number")
                                message.uptimeS = object.uptimeS;
                            else if (typeof object.uptimeS === "object")
                                message.uptimeS = new $util.LongBits(object.uptimeS.low >>> 0, object.uptimeS.high >>> 0).toNumber(true);
                    if (object.outboxDepth != null)
                        if ($Number(object.outboxDepth) !== 0)
                            message.outboxDepth = object.outboxDepth >>> 0;
                    return message;
                };

                /**
                 * Creates a plain object from a Heartbeat message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof cunke.device.v1.Heartbeat
                 * @static
                 * @param {cunke.device.v1.Heartbeat} message Heartbeat
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Heartbeat.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.batteryPct = 0;
                        object.charging = false;
                        object.signalDbm = 0;
                        object.signalLevel = 0;
                        object.simState = options.enums === $String ? "SIM_STATE_UNSPECIFIED" : 0;
                        object.lineState = options.enums === $String ? "LINE_STATE_UNSPECIFIED" : 0;
                        object.activeCallId = "";
                        object.agentVersion = "";
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.uptimeS = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.uptimeS = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        object.outboxDepth = 0;
                    }
                    if (message.batteryPct != null && $Object.hasOwnProperty.call(message, "batteryPct"))
                        object.batteryPct = message.batteryPct;
                    if (message.charging != null && $Object.hasOwnProperty.call(message, "charging"))
                        object.charging = message.charging;
                    if (message.signalDbm != null && $Object.hasOwnProperty.call(message, "signalDbm"))
                        object.signalDbm = message.signalDbm;
                    if (message.signalLevel != null && $Object.hasOwnProperty.call(message, "signalLevel"))
                        object.signalLevel = message.signalLevel;
                    if (message.simState != null && $Object.hasOwnProperty.call(message, "simState"))
                        object.simState = options.enums === $String ? $root.cunke.device.v1.SimState[message.simState] === $undefined ? message.simState : $root.cunke.device.v1.SimState[message.simState] : message.simState;
                    if (message.lineState != null && $Object.hasOwnProperty.call(message, "lineState"))
                        object.lineState = options.enums === $String ? $root.cunke.device.v1.LineState[message.lineState] === $undefined ? message.lineState : $root.cunke.device.v1.LineState[message.lineState] : message.lineState;
                    if (message.activeCallId != null && $Object.hasOwnProperty.call(message, "activeCallId"))
                        object.activeCallId = message.activeCallId;
                    if (message.agentVersion != null && $Object.hasOwnProperty.call(message, "agentVersion"))
                        object.agentVersion = message.agentVersion;
                    if (message.uptimeS != null && $Object.hasOwnProperty.call(message, "uptimeS"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.uptimeS = typeof message.uptimeS === "number" ? $BigInt(message.uptimeS) : $util.Long.fromBits(message.uptimeS.low >>> 0, message.uptimeS.high >>> 0, true).toBigInt();
                        else if (typeof message.uptimeS === "number")
                            object.uptimeS = options.longs === $String ? $String(message.uptimeS) : message.uptimeS;
                        else
                            object.uptimeS = options.longs === $String ? $util.Long.prototype.toString.call(message.uptimeS) : options.longs === $Number ? new $util.LongBits(message.uptimeS.low >>> 0, message.uptimeS.high >>> 0).toNumber(true) : message.uptimeS;
                    if (message.outboxDepth != null && $Object.hasOwnProperty.call(message, "outboxDepth"))
                        object.outboxDepth = message.outboxDepth;
                    return object;
                };

                /**
                 * Converts this Heartbeat to JSON.
                 * @function toJSON
                 * @memberof cunke.device.v1.Heartbeat
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Heartbeat.prototype.toJSON = function() {
                    return Heartbeat.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for Heartbeat
                 * @function getTypeUrl
                 * @memberof cunke.device.v1.Heartbeat
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Heartbeat.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/cunke.device.v1.Heartbeat";
                };

                return Heartbeat;
            })();

            /**
             * CommandStatus enum.
             * @name cunke.device.v1.CommandStatus
             * @enum {number}
             * @property {number} COMMAND_STATUS_UNSPECIFIED=0 COMMAND_STATUS_UNSPECIFIED value
             * @property {number} COMMAND_STATUS_ACCEPTED=1 COMMAND_STATUS_ACCEPTED value
             * @property {number} COMMAND_STATUS_REJECTED=2 COMMAND_STATUS_REJECTED value
             * @property {number} COMMAND_STATUS_COMPLETED=3 COMMAND_STATUS_COMPLETED value
             * @property {number} COMMAND_STATUS_FAILED=4 COMMAND_STATUS_FAILED value
             */
            v1.CommandStatus = (function() {
                const valuesById = $Object.create(null), values = $Object.create(valuesById);
                values[valuesById[0] = "COMMAND_STATUS_UNSPECIFIED"] = 0;
                values[valuesById[1] = "COMMAND_STATUS_ACCEPTED"] = 1;
                values[valuesById[2] = "COMMAND_STATUS_REJECTED"] = 2;
                values[valuesById[3] = "COMMAND_STATUS_COMPLETED"] = 3;
                values[valuesById[4] = "COMMAND_STATUS_FAILED"] = 4;
                return values;
            })();

            v1.CommandAck = (function() {

                /**
                 * Properties of a CommandAck.
                 * @typedef {Object} cunke.device.v1.CommandAck.$Properties
                 * @property {string|null} [commandId] CommandAck commandId
                 * @property {cunke.device.v1.CommandStatus|null} [status] CommandAck status
                 * @property {string|null} [reason] CommandAck reason
                 * @property {string|null} [callId] CommandAck callId
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a CommandAck.
                 * @memberof cunke.device.v1
                 * @interface ICommandAck
                 * @augments cunke.device.v1.CommandAck.$Properties
                 * @deprecated Use cunke.device.v1.CommandAck.$Properties instead.
                 */

                /**
                 * Shape of a CommandAck.
                 * @typedef {cunke.device.v1.CommandAck.$Properties} cunke.device.v1.CommandAck.$Shape
                 */

                /**
                 * Constructs a new CommandAck.
                 * @memberof cunke.device.v1
                 * @classdesc Represents a CommandAck.
                 * @constructor
                 * @param {cunke.device.v1.CommandAck.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const CommandAck = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * CommandAck commandId.
                 * @member {string} commandId
                 * @memberof cunke.device.v1.CommandAck
                 * @instance
                 */
                CommandAck.prototype.commandId = "";

                /**
                 * CommandAck status.
                 * @member {cunke.device.v1.CommandStatus} status
                 * @memberof cunke.device.v1.CommandAck
                 * @instance
                 */
                CommandAck.prototype.status = 0;

                /**
                 * CommandAck reason.
                 * @member {string} reason
                 * @memberof cunke.device.v1.CommandAck
                 * @instance
                 */
                CommandAck.prototype.reason = "";

                /**
                 * CommandAck callId.
                 * @member {string} callId
                 * @memberof cunke.device.v1.CommandAck
                 * @instance
                 */
                CommandAck.prototype.callId = "";

                /**
                 * Creates a new CommandAck instance using the specified properties.
                 * @function create
                 * @memberof cunke.device.v1.CommandAck
                 * @static
                 * @param {cunke.device.v1.CommandAck.$Properties=} [properties] Properties to set
                 * @returns {cunke.device.v1.CommandAck} CommandAck instance
                 * @type {{
                 *   (properties: cunke.device.v1.CommandAck.$Shape): cunke.device.v1.CommandAck & cunke.device.v1.CommandAck.$Shape;
                 *   (properties?: cunke.device.v1.CommandAck.$Properties): cunke.device.v1.CommandAck;
                 * }}
                 */
                CommandAck.create = function(properties) {
                    return new CommandAck(properties);
                };

                /**
                 * Encodes the specified CommandAck message. Does not implicitly {@link cunke.device.v1.CommandAck.verify|verify} messages.
                 * @function encode
                 * @memberof cunke.device.v1.CommandAck
                 * @static
                 * @param {cunke.device.v1.CommandAck.$Properties} message CommandAck message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                CommandAck.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.commandId != null && $Object.hasOwnProperty.call(message, "commandId") && message.commandId !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.commandId);
                    if (message.status != null && $Object.hasOwnProperty.call(message, "status") && message.status !== 0)
                        writer.uint32(/* id 2, wireType 0 =*/16).int32(message.status);
                    if (message.reason != null && $Object.hasOwnProperty.call(message, "reason") && message.reason !== "")
                        writer.uint32(/* id 3, wireType 2 =*/26).string(message.reason);
                    if (message.callId != null && $Object.hasOwnProperty.call(message, "callId") && message.callId !== "")
                        writer.uint32(/* id 4, wireType 2 =*/34).string(message.callId);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a CommandAck message from the specified reader or buffer.
                 * @function decode
                 * @memberof cunke.device.v1.CommandAck
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {cunke.device.v1.CommandAck & cunke.device.v1.CommandAck.$Shape} CommandAck
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                CommandAck.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.cunke.device.v1.CommandAck();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.commandId = value;
                                else
                                    delete message.commandId;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.int32())
                                    message.status = value;
                                else
                                    delete message.status;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.reason = value;
                                else
                                    delete message.reason;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.callId = value;
                                else
                                    delete message.callId;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Verifies a CommandAck message.
                 * @function verify
                 * @memberof cunke.device.v1.CommandAck
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                CommandAck.verify = function (message, _depth) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        return "max depth exceeded";
                    if (message.commandId != null && $Object.hasOwnProperty.call(message, "commandId"))
                        if (!$util.isString(message.commandId))
                            return "commandId: string expected";
                    if (message.status != null && $Object.hasOwnProperty.call(message, "status"))
                        if (typeof message.status !== "number" || (message.status | 0) !== message.status)
                            return "status: enum value expected";
                    if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                        if (!$util.isString(message.reason))
                            return "reason: string expected";
                    if (message.callId != null && $Object.hasOwnProperty.call(message, "callId"))
                        if (!$util.isString(message.callId))
                            return "callId: string expected";
                    return null;
                };

                /**
                 * Creates a CommandAck message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof cunke.device.v1.CommandAck
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {cunke.device.v1.CommandAck} CommandAck
                 */
                CommandAck.fromObject = function (object, _depth) {
                    if (object instanceof $root.cunke.device.v1.CommandAck)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".cunke.device.v1.CommandAck: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.cunke.device.v1.CommandAck();
                    if (object.commandId != null)
                        if (typeof object.commandId !== "string" || object.commandId.length)
                            message.commandId = $String(object.commandId);
                    if (object.status !== 0 && (typeof object.status !== "string" || $root.cunke.device.v1.CommandStatus[object.status] !== 0))
                        switch (object.status) {
                        case "COMMAND_STATUS_UNSPECIFIED":
                        case 0:
                            message.status = 0;
                            break;
                        case "COMMAND_STATUS_ACCEPTED":
                        case 1:
                            message.status = 1;
                            break;
                        case "COMMAND_STATUS_REJECTED":
                        case 2:
                            message.status = 2;
                            break;
                        case "COMMAND_STATUS_COMPLETED":
                        case 3:
                            message.status = 3;
                            break;
                        case "COMMAND_STATUS_FAILED":
                        case 4:
                            message.status = 4;
                            break;
                        default:
                            if (typeof object.status === "number" && (object.status | 0) === object.status)
                                message.status = object.status;
                        }
                    if (object.reason != null)
                        if (typeof object.reason !== "string" || object.reason.length)
                            message.reason = $String(object.reason);
                    if (object.callId != null)
                        if (typeof object.callId !== "string" || object.callId.length)
                            message.callId = $String(object.callId);
                    return message;
                };

                /**
                 * Creates a plain object from a CommandAck message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof cunke.device.v1.CommandAck
                 * @static
                 * @param {cunke.device.v1.CommandAck} message CommandAck
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                CommandAck.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.commandId = "";
                        object.status = options.enums === $String ? "COMMAND_STATUS_UNSPECIFIED" : 0;
                        object.reason = "";
                        object.callId = "";
                    }
                    if (message.commandId != null && $Object.hasOwnProperty.call(message, "commandId"))
                        object.commandId = message.commandId;
                    if (message.status != null && $Object.hasOwnProperty.call(message, "status"))
                        object.status = options.enums === $String ? $root.cunke.device.v1.CommandStatus[message.status] === $undefined ? message.status : $root.cunke.device.v1.CommandStatus[message.status] : message.status;
                    if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                        object.reason = message.reason;
                    if (message.callId != null && $Object.hasOwnProperty.call(message, "callId"))
                        object.callId = message.callId;
                    return object;
                };

                /**
                 * Converts this CommandAck to JSON.
                 * @function toJSON
                 * @memberof cunke.device.v1.CommandAck
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                CommandAck.prototype.toJSON = function() {
                    return CommandAck.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for CommandAck
                 * @function getTypeUrl
                 * @memberof cunke.device.v1.CommandAck
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                CommandAck.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/cunke.device.v1.CommandAck";
                };

                return CommandAck;
            })();

            /**
             * Presence enum.
             * @name cunke.device.v1.Presence
             * @enum {number}
             * @property {number} PRESENCE_UNSPECIFIED=0 PRESENCE_UNSPECIFIED value
             * @property {number} PRESENCE_ONLINE=1 PRESENCE_ONLINE value
             * @property {number} PRESENCE_OFFLINE=2 PRESENCE_OFFLINE value
             */
            v1.Presence = (function() {
                const valuesById = $Object.create(null), values = $Object.create(valuesById);
                values[valuesById[0] = "PRESENCE_UNSPECIFIED"] = 0;
                values[valuesById[1] = "PRESENCE_ONLINE"] = 1;
                values[valuesById[2] = "PRESENCE_OFFLINE"] = 2;
                return values;
            })();

            v1.DeviceStatus = (function() {

                /**
                 * Properties of a DeviceStatus.
                 * @typedef {Object} cunke.device.v1.DeviceStatus.$Properties
                 * @property {string|null} [deviceId] DeviceStatus deviceId
                 * @property {string|null} [tenantId] DeviceStatus tenantId
                 * @property {cunke.device.v1.Presence|null} [presence] DeviceStatus presence
                 * @property {number|null} [sinceMs] DeviceStatus sinceMs
                 * @property {string|null} [agentVersion] DeviceStatus agentVersion
                 * @property {string|null} [sessionId] DeviceStatus sessionId
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a DeviceStatus.
                 * @memberof cunke.device.v1
                 * @interface IDeviceStatus
                 * @augments cunke.device.v1.DeviceStatus.$Properties
                 * @deprecated Use cunke.device.v1.DeviceStatus.$Properties instead.
                 */

                /**
                 * Shape of a DeviceStatus.
                 * @typedef {cunke.device.v1.DeviceStatus.$Properties} cunke.device.v1.DeviceStatus.$Shape
                 */

                /**
                 * Constructs a new DeviceStatus.
                 * @memberof cunke.device.v1
                 * @classdesc Represents a DeviceStatus.
                 * @constructor
                 * @param {cunke.device.v1.DeviceStatus.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const DeviceStatus = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * DeviceStatus deviceId.
                 * @member {string} deviceId
                 * @memberof cunke.device.v1.DeviceStatus
                 * @instance
                 */
                DeviceStatus.prototype.deviceId = "";

                /**
                 * DeviceStatus tenantId.
                 * @member {string} tenantId
                 * @memberof cunke.device.v1.DeviceStatus
                 * @instance
                 */
                DeviceStatus.prototype.tenantId = "";

                /**
                 * DeviceStatus presence.
                 * @member {cunke.device.v1.Presence} presence
                 * @memberof cunke.device.v1.DeviceStatus
                 * @instance
                 */
                DeviceStatus.prototype.presence = 0;

                /**
                 * DeviceStatus sinceMs.
                 * @member {number} sinceMs
                 * @memberof cunke.device.v1.DeviceStatus
                 * @instance
                 */
                DeviceStatus.prototype.sinceMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * DeviceStatus agentVersion.
                 * @member {string} agentVersion
                 * @memberof cunke.device.v1.DeviceStatus
                 * @instance
                 */
                DeviceStatus.prototype.agentVersion = "";

                /**
                 * DeviceStatus sessionId.
                 * @member {string} sessionId
                 * @memberof cunke.device.v1.DeviceStatus
                 * @instance
                 */
                DeviceStatus.prototype.sessionId = "";

                /**
                 * Creates a new DeviceStatus instance using the specified properties.
                 * @function create
                 * @memberof cunke.device.v1.DeviceStatus
                 * @static
                 * @param {cunke.device.v1.DeviceStatus.$Properties=} [properties] Properties to set
                 * @returns {cunke.device.v1.DeviceStatus} DeviceStatus instance
                 * @type {{
                 *   (properties: cunke.device.v1.DeviceStatus.$Shape): cunke.device.v1.DeviceStatus & cunke.device.v1.DeviceStatus.$Shape;
                 *   (properties?: cunke.device.v1.DeviceStatus.$Properties): cunke.device.v1.DeviceStatus;
                 * }}
                 */
                DeviceStatus.create = function(properties) {
                    return new DeviceStatus(properties);
                };

                /**
                 * Encodes the specified DeviceStatus message. Does not implicitly {@link cunke.device.v1.DeviceStatus.verify|verify} messages.
                 * @function encode
                 * @memberof cunke.device.v1.DeviceStatus
                 * @static
                 * @param {cunke.device.v1.DeviceStatus.$Properties} message DeviceStatus message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                DeviceStatus.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.deviceId != null && $Object.hasOwnProperty.call(message, "deviceId") && message.deviceId !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.deviceId);
                    if (message.tenantId != null && $Object.hasOwnProperty.call(message, "tenantId") && message.tenantId !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.tenantId);
                    if (message.presence != null && $Object.hasOwnProperty.call(message, "presence") && message.presence !== 0)
                        writer.uint32(/* id 3, wireType 0 =*/24).int32(message.presence);
                    if (message.sinceMs != null && $Object.hasOwnProperty.call(message, "sinceMs") && (typeof message.sinceMs === "object" ? message.sinceMs.low || message.sinceMs.high : message.sinceMs !== 0))
                        writer.uint32(/* id 4, wireType 0 =*/32).int64(message.sinceMs);
                    if (message.agentVersion != null && $Object.hasOwnProperty.call(message, "agentVersion") && message.agentVersion !== "")
                        writer.uint32(/* id 5, wireType 2 =*/42).string(message.agentVersion);
                    if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId") && message.sessionId !== "")
                        writer.uint32(/* id 6, wireType 2 =*/50).string(message.sessionId);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a DeviceStatus message from the specified reader or buffer.
                 * @function decode
                 * @memberof cunke.device.v1.DeviceStatus
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {cunke.device.v1.DeviceStatus & cunke.device.v1.DeviceStatus.$Shape} DeviceStatus
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                DeviceStatus.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.cunke.device.v1.DeviceStatus();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.deviceId = value;
                                else
                                    delete message.deviceId;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.tenantId = value;
                                else
                                    delete message.tenantId;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.int32())
                                    message.presence = value;
                                else
                                    delete message.presence;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.sinceMs = value;
                                else
                                    delete message.sinceMs;
                                continue;
                            }
                        case 5: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.agentVersion = value;
                                else
                                    delete message.agentVersion;
                                continue;
                            }
                        case 6: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.sessionId = value;
                                else
                                    delete message.sessionId;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Verifies a DeviceStatus message.
                 * @function verify
                 * @memberof cunke.device.v1.DeviceStatus
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                DeviceStatus.verify = function (message, _depth) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        return "max depth exceeded";
                    if (message.deviceId != null && $Object.hasOwnProperty.call(message, "deviceId"))
                        if (!$util.isString(message.deviceId))
                            return "deviceId: string expected";
                    if (message.tenantId != null && $Object.hasOwnProperty.call(message, "tenantId"))
                        if (!$util.isString(message.tenantId))
                            return "tenantId: string expected";
                    if (message.presence != null && $Object.hasOwnProperty.call(message, "presence"))
                        if (typeof message.presence !== "number" || (message.presence | 0) !== message.presence)
                            return "presence: enum value expected";
                    if (message.sinceMs != null && $Object.hasOwnProperty.call(message, "sinceMs"))
                        if (!$util.isInteger(message.sinceMs) && !(message.sinceMs && $util.isInteger(message.sinceMs.low) && $util.isInteger(message.sinceMs.high)))
                            return "sinceMs: integer|Long expected";
                    if (message.agentVersion != null && $Object.hasOwnProperty.call(message, "agentVersion"))
                        if (!$util.isString(message.agentVersion))
                            return "agentVersion: string expected";
                    if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId"))
                        if (!$util.isString(message.sessionId))
                            return "sessionId: string expected";
                    return null;
                };

                /**
                 * Creates a DeviceStatus message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof cunke.device.v1.DeviceStatus
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {cunke.device.v1.DeviceStatus} DeviceStatus
                 */
                DeviceStatus.fromObject = function (object, _depth) {
                    if (object instanceof $root.cunke.device.v1.DeviceStatus)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".cunke.device.v1.DeviceStatus: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.cunke.device.v1.DeviceStatus();
                    if (object.deviceId != null)
                        if (typeof object.deviceId !== "string" || object.deviceId.length)
                            message.deviceId = $String(object.deviceId);
                    if (object.tenantId != null)
                        if (typeof object.tenantId !== "string" || object.tenantId.length)
                            message.tenantId = $String(object.tenantId);
                    if (object.presence !== 0 && (typeof object.presence !== "string" || $root.cunke.device.v1.Presence[object.presence] !== 0))
                        switch (object.presence) {
                        case "PRESENCE_UNSPECIFIED":
                        case 0:
                            message.presence = 0;
                            break;
                        case "PRESENCE_ONLINE":
                        case 1:
                            message.presence = 1;
                            break;
                        case "PRESENCE_OFFLINE":
                        case 2:
                            message.presence = 2;
                            break;
                        default:
                            if (typeof object.presence === "number" && (object.presence | 0) === object.presence)
                                message.presence = object.presence;
                        }
                    if (object.sinceMs != null)
                        if (typeof object.sinceMs === "object" ? object.sinceMs.low || object.sinceMs.high : $Number(object.sinceMs) !== 0)
                            if ($util.Long)
                                message.sinceMs = $util.Long.fromValue(object.sinceMs, false);
                            else if (typeof object.sinceMs === "string")
                                message.sinceMs = $parseInt(object.sinceMs, 10);
                            else if (typeof object.sinceMs === "number")
                                message.sinceMs = object.sinceMs;
                            else if (typeof object.sinceMs === "object")
                                message.sinceMs = new $util.LongBits(object.sinceMs.low >>> 0, object.sinceMs.high >>> 0).toNumber();
                    if (object.agentVersion != null)
                        if (typeof object.agentVersion !== "string" || object.agentVersion.length)
                            message.agentVersion = $String(object.agentVersion);
                    if (object.sessionId != null)
                        if (typeof object.sessionId !== "string" || object.sessionId.length)
                            message.sessionId = $String(object.sessionId);
                    return message;
                };

                /**
                 * Creates a plain object from a DeviceStatus message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof cunke.device.v1.DeviceStatus
                 * @static
                 * @param {cunke.device.v1.DeviceStatus} message DeviceStatus
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                DeviceStatus.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.deviceId = "";
                        object.tenantId = "";
                        object.presence = options.enums === $String ? "PRESENCE_UNSPECIFIED" : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.sinceMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.sinceMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        object.agentVersion = "";
                        object.sessionId = "";
                    }
                    if (message.deviceId != null && $Object.hasOwnProperty.call(message, "deviceId"))
                        object.deviceId = message.deviceId;
                    if (message.tenantId != null && $Object.hasOwnProperty.call(message, "tenantId"))
                        object.tenantId = message.tenantId;
                    if (message.presence != null && $Object.hasOwnProperty.call(message, "presence"))
                        object.presence = options.enums === $String ? $root.cunke.device.v1.Presence[message.presence] === $undefined ? message.presence : $root.cunke.device.v1.Presence[message.presence] : message.presence;
                    if (message.sinceMs != null && $Object.hasOwnProperty.call(message, "sinceMs"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.sinceMs = typeof message.sinceMs === "number" ? $BigInt(message.sinceMs) : $util.Long.fromBits(message.sinceMs.low >>> 0, message.sinceMs.high >>> 0, false).toBigInt();
                        else if (typeof message.sinceMs === "number")
                            object.sinceMs = options.longs === $String ? $String(message.sinceMs) : message.sinceMs;
                        else
                            object.sinceMs = options.longs === $String ? $util.Long.prototype.toString.call(message.sinceMs) : options.longs === $Number ? new $util.LongBits(message.sinceMs.low >>> 0, message.sinceMs.high >>> 0).toNumber() : message.sinceMs;
                    if (message.agentVersion != null && $Object.hasOwnProperty.call(message, "agentVersion"))
                        object.agentVersion = message.agentVersion;
                    if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId"))
                        object.sessionId = message.sessionId;
                    return object;
                };

                /**
                 * Converts this DeviceStatus to JSON.
                 * @function toJSON
                 * @memberof cunke.device.v1.DeviceStatus
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                DeviceStatus.prototype.toJSON = function() {
                    return DeviceStatus.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for DeviceStatus
                 * @function getTypeUrl
                 * @memberof cunke.device.v1.DeviceStatus
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                DeviceStatus.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/cunke.device.v1.DeviceStatus";
                };

                return DeviceStatus;
            })();

            v1.DeviceCommand = (function() {

                /**
                 * Properties of a DeviceCommand.
                 * @typedef {Object} cunke.device.v1.DeviceCommand.$Properties
                 * @property {string|null} [commandId] DeviceCommand commandId
                 * @property {number|null} [issuedAtMs] DeviceCommand issuedAtMs
                 * @property {number|null} [expiresAtMs] DeviceCommand expiresAtMs
                 * @property {cunke.device.v1.MakeCall.$Properties|null} [makeCall] DeviceCommand makeCall
                 * @property {cunke.device.v1.HangupCall.$Properties|null} [hangup] DeviceCommand hangup
                 * @property {cunke.device.v1.Ping.$Properties|null} [ping] DeviceCommand ping
                 * @property {cunke.device.v1.ConfigUpdate.$Properties|null} [configUpdate] DeviceCommand configUpdate
                 * @property {cunke.device.v1.UploadRecording.$Properties|null} [uploadRecording] DeviceCommand uploadRecording
                 * @property {"makeCall"|"hangup"|"ping"|"configUpdate"|"uploadRecording"} [command] DeviceCommand command
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a DeviceCommand.
                 * @memberof cunke.device.v1
                 * @interface IDeviceCommand
                 * @augments cunke.device.v1.DeviceCommand.$Properties
                 * @deprecated Use cunke.device.v1.DeviceCommand.$Properties instead.
                 */

                /**
                 * Narrowed shape of a DeviceCommand.
                 * @typedef {{
                 *   commandId?: string|null;
                 *   issuedAtMs?: number|null;
                 *   expiresAtMs?: number|null;
                 *   makeCall?: cunke.device.v1.MakeCall.$Shape|null;
                 *   hangup?: cunke.device.v1.HangupCall.$Shape|null;
                 *   ping?: cunke.device.v1.Ping.$Shape|null;
                 *   configUpdate?: cunke.device.v1.ConfigUpdate.$Shape|null;
                 *   uploadRecording?: cunke.device.v1.UploadRecording.$Shape|null;
                 *   $unknowns?: Array.<Uint8Array>;
                 * } & (
                 *   ({ command?: undefined; makeCall?: null; hangup?: null; ping?: null; configUpdate?: null; uploadRecording?: null }|{ command?: "makeCall"; makeCall: cunke.device.v1.MakeCall.$Shape; hangup?: null; ping?: null; configUpdate?: null; uploadRecording?: null }|{ command?: "hangup"; makeCall?: null; hangup: cunke.device.v1.HangupCall.$Shape; ping?: null; configUpdate?: null; uploadRecording?: null }|{ command?: "ping"; makeCall?: null; hangup?: null; ping: cunke.device.v1.Ping.$Shape; configUpdate?: null; uploadRecording?: null }|{ command?: "configUpdate"; makeCall?: null; hangup?: null; ping?: null; configUpdate: cunke.device.v1.ConfigUpdate.$Shape; uploadRecording?: null }|{ command?: "uploadRecording"; makeCall?: null; hangup?: null; ping?: null; configUpdate?: null; uploadRecording: cunke.device.v1.UploadRecording.$Shape })
                 * )} cunke.device.v1.DeviceCommand.$Shape
                 */

                /**
                 * Constructs a new DeviceCommand.
                 * @memberof cunke.device.v1
                 * @classdesc Represents a DeviceCommand.
                 * @constructor
                 * @param {cunke.device.v1.DeviceCommand.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const DeviceCommand = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * DeviceCommand commandId.
                 * @member {string} commandId
                 * @memberof cunke.device.v1.DeviceCommand
                 * @instance
                 */
                DeviceCommand.prototype.commandId = "";

                /**
                 * DeviceCommand issuedAtMs.
                 * @member {number} issuedAtMs
                 * @memberof cunke.device.v1.DeviceCommand
                 * @instance
                 */
                DeviceCommand.prototype.issuedAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * DeviceCommand expiresAtMs.
                 * @member {number} expiresAtMs
                 * @memberof cunke.device.v1.DeviceCommand
                 * @instance
                 */
                DeviceCommand.prototype.expiresAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * DeviceCommand makeCall.
                 * @member {cunke.device.v1.MakeCall.$Properties|null|undefined} makeCall
                 * @memberof cunke.device.v1.DeviceCommand
                 * @instance
                 */
                DeviceCommand.prototype.makeCall = null;

                /**
                 * DeviceCommand hangup.
                 * @member {cunke.device.v1.HangupCall.$Properties|null|undefined} hangup
                 * @memberof cunke.device.v1.DeviceCommand
                 * @instance
                 */
                DeviceCommand.prototype.hangup = null;

                /**
                 * DeviceCommand ping.
                 * @member {cunke.device.v1.Ping.$Properties|null|undefined} ping
                 * @memberof cunke.device.v1.DeviceCommand
                 * @instance
                 */
                DeviceCommand.prototype.ping = null;

                /**
                 * DeviceCommand configUpdate.
                 * @member {cunke.device.v1.ConfigUpdate.$Properties|null|undefined} configUpdate
                 * @memberof cunke.device.v1.DeviceCommand
                 * @instance
                 */
                DeviceCommand.prototype.configUpdate = null;

                /**
                 * DeviceCommand uploadRecording.
                 * @member {cunke.device.v1.UploadRecording.$Properties|null|undefined} uploadRecording
                 * @memberof cunke.device.v1.DeviceCommand
                 * @instance
                 */
                DeviceCommand.prototype.uploadRecording = null;

                // OneOf field names bound to virtual getters and setters
                let $oneOfFields;

                /**
                 * DeviceCommand command.
                 * @member {"makeCall"|"hangup"|"ping"|"configUpdate"|"uploadRecording"|undefined} command
                 * @memberof cunke.device.v1.DeviceCommand
                 * @instance
                 */
                $Object.defineProperty(DeviceCommand.prototype, "command", {
                    get: $util.oneOfGetter($oneOfFields = ["makeCall", "hangup", "ping", "configUpdate", "uploadRecording"]),
                    set: $util.oneOfSetter($oneOfFields)
                });

                /**
                 * Creates a new DeviceCommand instance using the specified properties.
                 * @function create
                 * @memberof cunke.device.v1.DeviceCommand
                 * @static
                 * @param {cunke.device.v1.DeviceCommand.$Properties=} [properties] Properties to set
                 * @returns {cunke.device.v1.DeviceCommand} DeviceCommand instance
                 * @type {{
                 *   (properties: cunke.device.v1.DeviceCommand.$Shape): cunke.device.v1.DeviceCommand & cunke.device.v1.DeviceCommand.$Shape;
                 *   (properties?: cunke.device.v1.DeviceCommand.$Properties): cunke.device.v1.DeviceCommand;
                 * }}
                 */
                DeviceCommand.create = function(properties) {
                    return new DeviceCommand(properties);
                };

                /**
                 * Encodes the specified DeviceCommand message. Does not implicitly {@link cunke.device.v1.DeviceCommand.verify|verify} messages.
                 * @function encode
                 * @memberof cunke.device.v1.DeviceCommand
                 * @static
                 * @param {cunke.device.v1.DeviceCommand.$Properties} message DeviceCommand message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                DeviceCommand.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.commandId != null && $Object.hasOwnProperty.call(message, "commandId") && message.commandId !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.commandId);
                    if (message.issuedAtMs != null && $Object.hasOwnProperty.call(message, "issuedAtMs") && (typeof message.issuedAtMs === "object" ? message.issuedAtMs.low || message.issuedAtMs.high : message.issuedAtMs !== 0))
                        writer.uint32(/* id 2, wireType 0 =*/16).int64(message.issuedAtMs);
                    if (message.expiresAtMs != null && $Object.hasOwnProperty.call(message, "expiresAtMs") && (typeof message.expiresAtMs === "object" ? message.expiresAtMs.low || message.expiresAtMs.high : message.expiresAtMs !== 0))
                        writer.uint32(/* id 3, wireType 0 =*/24).int64(message.expiresAtMs);
                    if (message.makeCall != null && $Object.hasOwnProperty.call(message, "makeCall"))
                        $root.cunke.device.v1.MakeCall.encode(message.makeCall, writer.uint32(/* id 10, wireType 2 =*/82).fork(), _depth + 1).ldelim();
                    if (message.hangup != null && $Object.hasOwnProperty.call(message, "hangup"))
                        $root.cunke.device.v1.HangupCall.encode(message.hangup, writer.uint32(/* id 11, wireType 2 =*/90).fork(), _depth + 1).ldelim();
                    if (message.ping != null && $Object.hasOwnProperty.call(message, "ping"))
                        $root.cunke.device.v1.Ping.encode(message.ping, writer.uint32(/* id 12, wireType 2 =*/98).fork(), _depth + 1).ldelim();
                    if (message.configUpdate != null && $Object.hasOwnProperty.call(message, "configUpdate"))
                        $root.cunke.device.v1.ConfigUpdate.encode(message.configUpdate, writer.uint32(/* id 13, wireType 2 =*/106).fork(), _depth + 1).ldelim();
                    if (message.uploadRecording != null && $Object.hasOwnProperty.call(message, "uploadRecording"))
                        $root.cunke.device.v1.UploadRecording.encode(message.uploadRecording, writer.uint32(/* id 14, wireType 2 =*/114).fork(), _depth + 1).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a DeviceCommand message from the specified reader or buffer.
                 * @function decode
                 * @memberof cunke.device.v1.DeviceCommand
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {cunke.device.v1.DeviceCommand & cunke.device.v1.DeviceCommand.$Shape} DeviceCommand
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                DeviceCommand.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.cunke.device.v1.DeviceCommand();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.commandId = value;
                                else
                                    delete message.commandId;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.issuedAtMs = value;
                                else
                                    delete message.issuedAtMs;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.expiresAtMs = value;
                                else
                                    delete message.expiresAtMs;
                                continue;
                            }
                        case 10: {
                                if (wireType !== 2)
                                    break;
                                message.makeCall = $root.cunke.device.v1.MakeCall.decode(reader, reader.size(), $undefined, _depth + 1, message.makeCall);
                                message.command = "makeCall";
                                continue;
                            }
                        case 11: {
                                if (wireType !== 2)
                                    break;
                                message.hangup = $root.cunke.device.v1.HangupCall.decode(reader, reader.size(), $undefined, _depth + 1, message.hangup);
                                message.command = "hangup";
                                continue;
                            }
                        case 12: {
                                if (wireType !== 2)
                                    break;
                                message.ping = $root.cunke.device.v1.Ping.decode(reader, reader.size(), $undefined, _depth + 1, message.ping);
                                message.command = "ping";
                                continue;
                            }
                        case 13: {
                                if (wireType !== 2)
                                    break;
                                message.configUpdate = $root.cunke.device.v1.ConfigUpdate.decode(reader, reader.size(), $undefined, _depth + 1, message.configUpdate);
                                message.command = "configUpdate";
                                continue;
                            }
                        case 14: {
                                if (wireType !== 2)
                                    break;
                                message.uploadRecording = $root.cunke.device.v1.UploadRecording.decode(reader, reader.size(), $undefined, _depth + 1, message.uploadRecording);
                                message.command = "uploadRecording";
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Verifies a DeviceCommand message.
                 * @function verify
                 * @memberof cunke.device.v1.DeviceCommand
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                DeviceCommand.verify = function (message, _depth) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        return "max depth exceeded";
                    let properties = {};
                    if (message.commandId != null && $Object.hasOwnProperty.call(message, "commandId"))
                        if (!$util.isString(message.commandId))
                            return "commandId: string expected";
                    if (message.issuedAtMs != null && $Object.hasOwnProperty.call(message, "issuedAtMs"))
                        if (!$util.isInteger(message.issuedAtMs) && !(message.issuedAtMs && $util.isInteger(message.issuedAtMs.low) && $util.isInteger(message.issuedAtMs.high)))
                            return "issuedAtMs: integer|Long expected";
                    if (message.expiresAtMs != null && $Object.hasOwnProperty.call(message, "expiresAtMs"))
                        if (!$util.isInteger(message.expiresAtMs) && !(message.expiresAtMs && $util.isInteger(message.expiresAtMs.low) && $util.isInteger(message.expiresAtMs.high)))
                            return "expiresAtMs: integer|Long expected";
                    if (message.makeCall != null && $Object.hasOwnProperty.call(message, "makeCall")) {
                        properties.command = 1;
                        {
                            let error = $root.cunke.device.v1.MakeCall.verify(message.makeCall, _depth + 1);
                            if (error)
                                return "makeCall." + error;
                        }
                    }
                    if (message.hangup != null && $Object.hasOwnProperty.call(message, "hangup")) {
                        if (properties.command === 1)
                            return "command: multiple values";
                        properties.command = 1;
                        {
                            let error = $root.cunke.device.v1.HangupCall.verify(message.hangup, _depth + 1);
                            if (error)
                                return "hangup." + error;
                        }
                    }
                    if (message.ping != null && $Object.hasOwnProperty.call(message, "ping")) {
                        if (properties.command === 1)
                            return "command: multiple values";
                        properties.command = 1;
                        {
                            let error = $root.cunke.device.v1.Ping.verify(message.ping, _depth + 1);
                            if (error)
                                return "ping." + error;
                        }
                    }
                    if (message.configUpdate != null && $Object.hasOwnProperty.call(message, "configUpdate")) {
                        if (properties.command === 1)
                            return "command: multiple values";
                        properties.command = 1;
                        {
                            let error = $root.cunke.device.v1.ConfigUpdate.verify(message.configUpdate, _depth + 1);
                            if (error)
                                return "configUpdate." + error;
                        }
                    }
                    if (message.uploadRecording != null && $Object.hasOwnProperty.call(message, "uploadRecording")) {
                        if (properties.command === 1)
                            return "command: multiple values";
                        properties.command = 1;
                        {
                            let error = $root.cunke.device.v1.UploadRecording.verify(message.uploadRecording, _depth + 1);
                            if (error)
                                return "uploadRecording." + error;
                        }
                    }
                    return null;
                };

                /**
                 * Creates a DeviceCommand message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof cunke.device.v1.DeviceCommand
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {cunke.device.v1.DeviceCommand} DeviceCommand
                 */
                DeviceCommand.fromObject = function (object, _depth) {
                    if (object instanceof $root.cunke.device.v1.DeviceCommand)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".cunke.device.v1.DeviceCommand: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.cunke.device.v1.DeviceCommand();
                    if (object.commandId != null)
                        if (typeof object.commandId !== "string" || object.commandId.length)
                            message.commandId = $String(object.commandId);
                    if (object.issuedAtMs != null)
                        if (typeof object.issuedAtMs === "object" ? object.issuedAtMs.low || object.issuedAtMs.high : $Number(object.issuedAtMs) !== 0)
                            if ($util.Long)
                                message.issuedAtMs = $util.Long.fromValue(object.issuedAtMs, false);
                            else if (typeof object.issuedAtMs === "string")
                                message.issuedAtMs = $parseInt(object.issuedAtMs, 10);
                            else if (typeof object.issuedAtMs === "number")
                                message.issuedAtMs = object.issuedAtMs;
                            else if (typeof object.issuedAtMs === "object")
                                message.issuedAtMs = new $util.LongBits(object.issuedAtMs.low >>> 0, object.issuedAtMs.high >>> 0).toNumber();
                    if (object.expiresAtMs != null)
                        if (typeof object.expiresAtMs === "object" ? object.expiresAtMs.low || object.expiresAtMs.high : $Number(object.expiresAtMs) !== 0)
                            if ($util.Long)
                                message.expiresAtMs = $util.Long.fromValue(object.expiresAtMs, false);
                            else if (typeof object.expiresAtMs === "string")
                                message.expiresAtMs = $parseInt(object.expiresAtMs, 10);
                            else if (typeof object.expiresAtMs === "number")
                                message.expiresAtMs = object.expiresAtMs;
                            else if (typeof object.expiresAtMs === "object")
                                message.expiresAtMs = new $util.LongBits(object.expiresAtMs.low >>> 0, object.expiresAtMs.high >>> 0).toNumber();
                    if (object.makeCall != null) {
                        if (!$util.isObject(object.makeCall))
                            throw $TypeError(".cunke.device.v1.DeviceCommand.makeCall: object expected");
                        message.makeCall = $root.cunke.device.v1.MakeCall.fromObject(object.makeCall, _depth + 1);
                    }
                    if (object.hangup != null) {
                        if (!$util.isObject(object.hangup))
                            throw $TypeError(".cunke.device.v1.DeviceCommand.hangup: object expected");
                        message.hangup = $root.cunke.device.v1.HangupCall.fromObject(object.hangup, _depth + 1);
                    }
                    if (object.ping != null) {
                        if (!$util.isObject(object.ping))
                            throw $TypeError(".cunke.device.v1.DeviceCommand.ping: object expected");
                        message.ping = $root.cunke.device.v1.Ping.fromObject(object.ping, _depth + 1);
                    }
                    if (object.configUpdate != null) {
                        if (!$util.isObject(object.configUpdate))
                            throw $TypeError(".cunke.device.v1.DeviceCommand.configUpdate: object expected");
                        message.configUpdate = $root.cunke.device.v1.ConfigUpdate.fromObject(object.configUpdate, _depth + 1);
                    }
                    if (object.uploadRecording != null) {
                        if (!$util.isObject(object.uploadRecording))
                            throw $TypeError(".cunke.device.v1.DeviceCommand.uploadRecording: object expected");
                        message.uploadRecording = $root.cunke.device.v1.UploadRecording.fromObject(object.uploadRecording, _depth + 1);
                    }
                    return message;
                };

                /**
                 * Creates a plain object from a DeviceCommand message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof cunke.device.v1.DeviceCommand
                 * @static
                 * @param {cunke.device.v1.DeviceCommand} message DeviceCommand
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                DeviceCommand.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.commandId = "";
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.issuedAtMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.issuedAtMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.expiresAtMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.expiresAtMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    }
                    if (message.commandId != null && $Object.hasOwnProperty.call(message, "commandId"))
                        object.commandId = message.commandId;
                    if (message.issuedAtMs != null && $Object.hasOwnProperty.call(message, "issuedAtMs"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.issuedAtMs = typeof message.issuedAtMs === "number" ? $BigInt(message.issuedAtMs) : $util.Long.fromBits(message.issuedAtMs.low >>> 0, message.issuedAtMs.high >>> 0, false).toBigInt();
                        else if (typeof message.issuedAtMs === "number")
                            object.issuedAtMs = options.longs === $String ? $String(message.issuedAtMs) : message.issuedAtMs;
                        else
                            object.issuedAtMs = options.longs === $String ? $util.Long.prototype.toString.call(message.issuedAtMs) : options.longs === $Number ? new $util.LongBits(message.issuedAtMs.low >>> 0, message.issuedAtMs.high >>> 0).toNumber() : message.issuedAtMs;
                    if (message.expiresAtMs != null && $Object.hasOwnProperty.call(message, "expiresAtMs"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.expiresAtMs = typeof message.expiresAtMs === "number" ? $BigInt(message.expiresAtMs) : $util.Long.fromBits(message.expiresAtMs.low >>> 0, message.expiresAtMs.high >>> 0, false).toBigInt();
                        else if (typeof message.expiresAtMs === "number")
                            object.expiresAtMs = options.longs === $String ? $String(message.expiresAtMs) : message.expiresAtMs;
                        else
                            object.expiresAtMs = options.longs === $String ? $util.Long.prototype.toString.call(message.expiresAtMs) : options.longs === $Number ? new $util.LongBits(message.expiresAtMs.low >>> 0, message.expiresAtMs.high >>> 0).toNumber() : message.expiresAtMs;
                    if (message.makeCall != null && $Object.hasOwnProperty.call(message, "makeCall")) {
                        object.makeCall = $root.cunke.device.v1.MakeCall.toObject(message.makeCall, options, _depth + 1);
                        if (options.oneofs)
                            object.command = "makeCall";
                    }
                    if (message.hangup != null && $Object.hasOwnProperty.call(message, "hangup")) {
                        object.hangup = $root.cunke.device.v1.HangupCall.toObject(message.hangup, options, _depth + 1);
                        if (options.oneofs)
                            object.command = "hangup";
                    }
                    if (message.ping != null && $Object.hasOwnProperty.call(message, "ping")) {
                        object.ping = $root.cunke.device.v1.Ping.toObject(message.ping, options, _depth + 1);
                        if (options.oneofs)
                            object.command = "ping";
                    }
                    if (message.configUpdate != null && $Object.hasOwnProperty.call(message, "configUpdate")) {
                        object.configUpdate = $root.cunke.device.v1.ConfigUpdate.toObject(message.configUpdate, options, _depth + 1);
                        if (options.oneofs)
                            object.command = "configUpdate";
                    }
                    if (message.uploadRecording != null && $Object.hasOwnProperty.call(message, "uploadRecording")) {
                        object.uploadRecording = $root.cunke.device.v1.UploadRecording.toObject(message.uploadRecording, options, _depth + 1);
                        if (options.oneofs)
                            object.command = "uploadRecording";
                    }
                    return object;
                };

                /**
                 * Converts this DeviceCommand to JSON.
                 * @function toJSON
                 * @memberof cunke.device.v1.DeviceCommand
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                DeviceCommand.prototype.toJSON = function() {
                    return DeviceCommand.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for DeviceCommand
                 * @function getTypeUrl
                 * @memberof cunke.device.v1.DeviceCommand
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                DeviceCommand.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/cunke.device.v1.DeviceCommand";
                };

                return DeviceCommand;
            })();

            v1.MakeCall = (function() {

                /**
                 * Properties of a MakeCall.
                 * @typedef {Object} cunke.device.v1.MakeCall.$Properties
                 * @property {string|null} [taskId] MakeCall taskId
                 * @property {string|null} [phoneNumber] MakeCall phoneNumber
                 * @property {string|null} [callerId] MakeCall callerId
                 * @property {string|null} [scriptId] MakeCall scriptId
                 * @property {number|null} [timeoutS] MakeCall timeoutS
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a MakeCall.
                 * @memberof cunke.device.v1
                 * @interface IMakeCall
                 * @augments cunke.device.v1.MakeCall.$Properties
                 * @deprecated Use cunke.device.v1.MakeCall.$Properties instead.
                 */

                /**
                 * Shape of a MakeCall.
                 * @typedef {cunke.device.v1.MakeCall.$Properties} cunke.device.v1.MakeCall.$Shape
                 */

                /**
                 * Constructs a new MakeCall.
                 * @memberof cunke.device.v1
                 * @classdesc Represents a MakeCall.
                 * @constructor
                 * @param {cunke.device.v1.MakeCall.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const MakeCall = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * MakeCall taskId.
                 * @member {string} taskId
                 * @memberof cunke.device.v1.MakeCall
                 * @instance
                 */
                MakeCall.prototype.taskId = "";

                /**
                 * MakeCall phoneNumber.
                 * @member {string} phoneNumber
                 * @memberof cunke.device.v1.MakeCall
                 * @instance
                 */
                MakeCall.prototype.phoneNumber = "";

                /**
                 * MakeCall callerId.
                 * @member {string} callerId
                 * @memberof cunke.device.v1.MakeCall
                 * @instance
                 */
                MakeCall.prototype.callerId = "";

                /**
                 * MakeCall scriptId.
                 * @member {string} scriptId
                 * @memberof cunke.device.v1.MakeCall
                 * @instance
                 */
                MakeCall.prototype.scriptId = "";

                /**
                 * MakeCall timeoutS.
                 * @member {number} timeoutS
                 * @memberof cunke.device.v1.MakeCall
                 * @instance
                 */
                MakeCall.prototype.timeoutS = 0;

                /**
                 * Creates a new MakeCall instance using the specified properties.
                 * @function create
                 * @memberof cunke.device.v1.MakeCall
                 * @static
                 * @param {cunke.device.v1.MakeCall.$Properties=} [properties] Properties to set
                 * @returns {cunke.device.v1.MakeCall} MakeCall instance
                 * @type {{
                 *   (properties: cunke.device.v1.MakeCall.$Shape): cunke.device.v1.MakeCall & cunke.device.v1.MakeCall.$Shape;
                 *   (properties?: cunke.device.v1.MakeCall.$Properties): cunke.device.v1.MakeCall;
                 * }}
                 */
                MakeCall.create = function(properties) {
                    return new MakeCall(properties);
                };

                /**
                 * Encodes the specified MakeCall message. Does not implicitly {@link cunke.device.v1.MakeCall.verify|verify} messages.
                 * @function encode
                 * @memberof cunke.device.v1.MakeCall
                 * @static
                 * @param {cunke.device.v1.MakeCall.$Properties} message MakeCall message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                MakeCall.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.taskId != null && $Object.hasOwnProperty.call(message, "taskId") && message.taskId !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.taskId);
                    if (message.phoneNumber != null && $Object.hasOwnProperty.call(message, "phoneNumber") && message.phoneNumber !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.phoneNumber);
                    if (message.callerId != null && $Object.hasOwnProperty.call(message, "callerId") && message.callerId !== "")
                        writer.uint32(/* id 3, wireType 2 =*/26).string(message.callerId);
                    if (message.scriptId != null && $Object.hasOwnProperty.call(message, "scriptId") && message.scriptId !== "")
                        writer.uint32(/* id 4, wireType 2 =*/34).string(message.scriptId);
                    if (message.timeoutS != null && $Object.hasOwnProperty.call(message, "timeoutS") && message.timeoutS !== 0)
                        writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.timeoutS);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a MakeCall message from the specified reader or buffer.
                 * @function decode
                 * @memberof cunke.device.v1.MakeCall
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {cunke.device.v1.MakeCall & cunke.device.v1.MakeCall.$Shape} MakeCall
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                MakeCall.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.cunke.device.v1.MakeCall();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.taskId = value;
                                else
                                    delete message.taskId;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.phoneNumber = value;
                                else
                                    delete message.phoneNumber;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.callerId = value;
                                else
                                    delete message.callerId;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.scriptId = value;
                                else
                                    delete message.scriptId;
                                continue;
                            }
                        case 5: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.timeoutS = value;
                                else
                                    delete message.timeoutS;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Verifies a MakeCall message.
                 * @function verify
                 * @memberof cunke.device.v1.MakeCall
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                MakeCall.verify = function (message, _depth) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        return "max depth exceeded";
                    if (message.taskId != null && $Object.hasOwnProperty.call(message, "taskId"))
                        if (!$util.isString(message.taskId))
                            return "taskId: string expected";
                    if (message.phoneNumber != null && $Object.hasOwnProperty.call(message, "phoneNumber"))
                        if (!$util.isString(message.phoneNumber))
                            return "phoneNumber: string expected";
                    if (message.callerId != null && $Object.hasOwnProperty.call(message, "callerId"))
                        if (!$util.isString(message.callerId))
                            return "callerId: string expected";
                    if (message.scriptId != null && $Object.hasOwnProperty.call(message, "scriptId"))
                        if (!$util.isString(message.scriptId))
                            return "scriptId: string expected";
                    if (message.timeoutS != null && $Object.hasOwnProperty.call(message, "timeoutS"))
                        if (!$util.isInteger(message.timeoutS))
                            return "timeoutS: integer expected";
                    return null;
                };

                /**
                 * Creates a MakeCall message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof cunke.device.v1.MakeCall
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {cunke.device.v1.MakeCall} MakeCall
                 */
                MakeCall.fromObject = function (object, _depth) {
                    if (object instanceof $root.cunke.device.v1.MakeCall)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".cunke.device.v1.MakeCall: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.cunke.device.v1.MakeCall();
                    if (object.taskId != null)
                        if (typeof object.taskId !== "string" || object.taskId.length)
                            message.taskId = $String(object.taskId);
                    if (object.phoneNumber != null)
                        if (typeof object.phoneNumber !== "string" || object.phoneNumber.length)
                            message.phoneNumber = $String(object.phoneNumber);
                    if (object.callerId != null)
                        if (typeof object.callerId !== "string" || object.callerId.length)
                            message.callerId = $String(object.callerId);
                    if (object.scriptId != null)
                        if (typeof object.scriptId !== "string" || object.scriptId.length)
                            message.scriptId = $String(object.scriptId);
                    if (object.timeoutS != null)
                        if ($Number(object.timeoutS) !== 0)
                            message.timeoutS = object.timeoutS >>> 0;
                    return message;
                };

                /**
                 * Creates a plain object from a MakeCall message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof cunke.device.v1.MakeCall
                 * @static
                 * @param {cunke.device.v1.MakeCall} message MakeCall
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                MakeCall.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.taskId = "";
                        object.phoneNumber = "";
                        object.callerId = "";
                        object.scriptId = "";
                        object.timeoutS = 0;
                    }
                    if (message.taskId != null && $Object.hasOwnProperty.call(message, "taskId"))
                        object.taskId = message.taskId;
                    if (message.phoneNumber != null && $Object.hasOwnProperty.call(message, "phoneNumber"))
                        object.phoneNumber = message.phoneNumber;
                    if (message.callerId != null && $Object.hasOwnProperty.call(message, "callerId"))
                        object.callerId = message.callerId;
                    if (message.scriptId != null && $Object.hasOwnProperty.call(message, "scriptId"))
                        object.scriptId = message.scriptId;
                    if (message.timeoutS != null && $Object.hasOwnProperty.call(message, "timeoutS"))
                        object.timeoutS = message.timeoutS;
                    return object;
                };

                /**
                 * Converts this MakeCall to JSON.
                 * @function toJSON
                 * @memberof cunke.device.v1.MakeCall
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                MakeCall.prototype.toJSON = function() {
                    return MakeCall.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for MakeCall
                 * @function getTypeUrl
                 * @memberof cunke.device.v1.MakeCall
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                MakeCall.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/cunke.device.v1.MakeCall";
                };

                return MakeCall;
            })();

            v1.HangupCall = (function() {

                /**
                 * Properties of a HangupCall.
                 * @typedef {Object} cunke.device.v1.HangupCall.$Properties
                 * @property {string|null} [callId] HangupCall callId
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a HangupCall.
                 * @memberof cunke.device.v1
                 * @interface IHangupCall
                 * @augments cunke.device.v1.HangupCall.$Properties
                 * @deprecated Use cunke.device.v1.HangupCall.$Properties instead.
                 */

                /**
                 * Shape of a HangupCall.
                 * @typedef {cunke.device.v1.HangupCall.$Properties} cunke.device.v1.HangupCall.$Shape
                 */

                /**
                 * Constructs a new HangupCall.
                 * @memberof cunke.device.v1
                 * @classdesc Represents a HangupCall.
                 * @constructor
                 * @param {cunke.device.v1.HangupCall.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const HangupCall = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * HangupCall callId.
                 * @member {string} callId
                 * @memberof cunke.device.v1.HangupCall
                 * @instance
                 */
                HangupCall.prototype.callId = "";

                /**
                 * Creates a new HangupCall instance using the specified properties.
                 * @function create
                 * @memberof cunke.device.v1.HangupCall
                 * @static
                 * @param {cunke.device.v1.HangupCall.$Properties=} [properties] Properties to set
                 * @returns {cunke.device.v1.HangupCall} HangupCall instance
                 * @type {{
                 *   (properties: cunke.device.v1.HangupCall.$Shape): cunke.device.v1.HangupCall & cunke.device.v1.HangupCall.$Shape;
                 *   (properties?: cunke.device.v1.HangupCall.$Properties): cunke.device.v1.HangupCall;
                 * }}
                 */
                HangupCall.create = function(properties) {
                    return new HangupCall(properties);
                };

                /**
                 * Encodes the specified HangupCall message. Does not implicitly {@link cunke.device.v1.HangupCall.verify|verify} messages.
                 * @function encode
                 * @memberof cunke.device.v1.HangupCall
                 * @static
                 * @param {cunke.device.v1.HangupCall.$Properties} message HangupCall message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                HangupCall.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.callId != null && $Object.hasOwnProperty.call(message, "callId") && message.callId !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.callId);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a HangupCall message from the specified reader or buffer.
                 * @function decode
                 * @memberof cunke.device.v1.HangupCall
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {cunke.device.v1.HangupCall & cunke.device.v1.HangupCall.$Shape} HangupCall
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                HangupCall.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.cunke.device.v1.HangupCall();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.callId = value;
                                else
                                    delete message.callId;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Verifies a HangupCall message.
                 * @function verify
                 * @memberof cunke.device.v1.HangupCall
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                HangupCall.verify = function (message, _depth) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        return "max depth exceeded";
                    if (message.callId != null && $Object.hasOwnProperty.call(message, "callId"))
                        if (!$util.isString(message.callId))
                            return "callId: string expected";
                    return null;
                };

                /**
                 * Creates a HangupCall message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof cunke.device.v1.HangupCall
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {cunke.device.v1.HangupCall} HangupCall
                 */
                HangupCall.fromObject = function (object, _depth) {
                    if (object instanceof $root.cunke.device.v1.HangupCall)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".cunke.device.v1.HangupCall: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.cunke.device.v1.HangupCall();
                    if (object.callId != null)
                        if (typeof object.callId !== "string" || object.callId.length)
                            message.callId = $String(object.callId);
                    return message;
                };

                /**
                 * Creates a plain object from a HangupCall message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof cunke.device.v1.HangupCall
                 * @static
                 * @param {cunke.device.v1.HangupCall} message HangupCall
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                HangupCall.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults)
                        object.callId = "";
                    if (message.callId != null && $Object.hasOwnProperty.call(message, "callId"))
                        object.callId = message.callId;
                    return object;
                };

                /**
                 * Converts this HangupCall to JSON.
                 * @function toJSON
                 * @memberof cunke.device.v1.HangupCall
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                HangupCall.prototype.toJSON = function() {
                    return HangupCall.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for HangupCall
                 * @function getTypeUrl
                 * @memberof cunke.device.v1.HangupCall
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                HangupCall.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/cunke.device.v1.HangupCall";
                };

                return HangupCall;
            })();

            v1.Ping = (function() {

                /**
                 * Properties of a Ping.
                 * @typedef {Object} cunke.device.v1.Ping.$Properties
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Ping.
                 * @memberof cunke.device.v1
                 * @interface IPing
                 * @augments cunke.device.v1.Ping.$Properties
                 * @deprecated Use cunke.device.v1.Ping.$Properties instead.
                 */

                /**
                 * Shape of a Ping.
                 * @typedef {cunke.device.v1.Ping.$Properties} cunke.device.v1.Ping.$Shape
                 */

                /**
                 * Constructs a new Ping.
                 * @memberof cunke.device.v1
                 * @classdesc Represents a Ping.
                 * @constructor
                 * @param {cunke.device.v1.Ping.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Ping = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Creates a new Ping instance using the specified properties.
                 * @function create
                 * @memberof cunke.device.v1.Ping
                 * @static
                 * @param {cunke.device.v1.Ping.$Properties=} [properties] Properties to set
                 * @returns {cunke.device.v1.Ping} Ping instance
                 * @type {{
                 *   (properties: cunke.device.v1.Ping.$Shape): cunke.device.v1.Ping & cunke.device.v1.Ping.$Shape;
                 *   (properties?: cunke.device.v1.Ping.$Properties): cunke.device.v1.Ping;
                 * }}
                 */
                Ping.create = function(properties) {
                    return new Ping(properties);
                };

                /**
                 * Encodes the specified Ping message. Does not implicitly {@link cunke.device.v1.Ping.verify|verify} messages.
                 * @function encode
                 * @memberof cunke.device.v1.Ping
                 * @static
                 * @param {cunke.device.v1.Ping.$Properties} message Ping message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Ping.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a Ping message from the specified reader or buffer.
                 * @function decode
                 * @memberof cunke.device.v1.Ping
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {cunke.device.v1.Ping & cunke.device.v1.Ping.$Shape} Ping
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Ping.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.cunke.device.v1.Ping();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        reader.skipType(tag & 7, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Verifies a Ping message.
                 * @function verify
                 * @memberof cunke.device.v1.Ping
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                Ping.verify = function (message, _depth) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        return "max depth exceeded";
                    return null;
                };

                /**
                 * Creates a Ping message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof cunke.device.v1.Ping
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {cunke.device.v1.Ping} Ping
                 */
                Ping.fromObject = function (object, _depth) {
                    if (object instanceof $root.cunke.device.v1.Ping)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".cunke.device.v1.Ping: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    return new $root.cunke.device.v1.Ping();
                };

                /**
                 * Creates a plain object from a Ping message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof cunke.device.v1.Ping
                 * @static
                 * @param {cunke.device.v1.Ping} message Ping
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Ping.toObject = function () {
                    return {};
                };

                /**
                 * Converts this Ping to JSON.
                 * @function toJSON
                 * @memberof cunke.device.v1.Ping
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Ping.prototype.toJSON = function() {
                    return Ping.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for Ping
                 * @function getTypeUrl
                 * @memberof cunke.device.v1.Ping
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Ping.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/cunke.device.v1.Ping";
                };

                return Ping;
            })();

            v1.UploadRecording = (function() {

                /**
                 * Properties of an UploadRecording.
                 * @typedef {Object} cunke.device.v1.UploadRecording.$Properties
                 * @property {string|null} [callId] UploadRecording callId
                 * @property {string|null} [recordingId] UploadRecording recordingId
                 * @property {string|null} [uploadUrl] UploadRecording uploadUrl
                 * @property {number|null} [expiresAtMs] UploadRecording expiresAtMs
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an UploadRecording.
                 * @memberof cunke.device.v1
                 * @interface IUploadRecording
                 * @augments cunke.device.v1.UploadRecording.$Properties
                 * @deprecated Use cunke.device.v1.UploadRecording.$Properties instead.
                 */

                /**
                 * Shape of an UploadRecording.
                 * @typedef {cunke.device.v1.UploadRecording.$Properties} cunke.device.v1.UploadRecording.$Shape
                 */

                /**
                 * Constructs a new UploadRecording.
                 * @memberof cunke.device.v1
                 * @classdesc Represents an UploadRecording.
                 * @constructor
                 * @param {cunke.device.v1.UploadRecording.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const UploadRecording = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * UploadRecording callId.
                 * @member {string} callId
                 * @memberof cunke.device.v1.UploadRecording
                 * @instance
                 */
                UploadRecording.prototype.callId = "";

                /**
                 * UploadRecording recordingId.
                 * @member {string} recordingId
                 * @memberof cunke.device.v1.UploadRecording
                 * @instance
                 */
                UploadRecording.prototype.recordingId = "";

                /**
                 * UploadRecording uploadUrl.
                 * @member {string} uploadUrl
                 * @memberof cunke.device.v1.UploadRecording
                 * @instance
                 */
                UploadRecording.prototype.uploadUrl = "";

                /**
                 * UploadRecording expiresAtMs.
                 * @member {number} expiresAtMs
                 * @memberof cunke.device.v1.UploadRecording
                 * @instance
                 */
                UploadRecording.prototype.expiresAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * Creates a new UploadRecording instance using the specified properties.
                 * @function create
                 * @memberof cunke.device.v1.UploadRecording
                 * @static
                 * @param {cunke.device.v1.UploadRecording.$Properties=} [properties] Properties to set
                 * @returns {cunke.device.v1.UploadRecording} UploadRecording instance
                 * @type {{
                 *   (properties: cunke.device.v1.UploadRecording.$Shape): cunke.device.v1.UploadRecording & cunke.device.v1.UploadRecording.$Shape;
                 *   (properties?: cunke.device.v1.UploadRecording.$Properties): cunke.device.v1.UploadRecording;
                 * }}
                 */
                UploadRecording.create = function(properties) {
                    return new UploadRecording(properties);
                };

                /**
                 * Encodes the specified UploadRecording message. Does not implicitly {@link cunke.device.v1.UploadRecording.verify|verify} messages.
                 * @function encode
                 * @memberof cunke.device.v1.UploadRecording
                 * @static
                 * @param {cunke.device.v1.UploadRecording.$Properties} message UploadRecording message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                UploadRecording.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.callId != null && $Object.hasOwnProperty.call(message, "callId") && message.callId !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.callId);
                    if (message.recordingId != null && $Object.hasOwnProperty.call(message, "recordingId") && message.recordingId !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.recordingId);
                    if (message.uploadUrl != null && $Object.hasOwnProperty.call(message, "uploadUrl") && message.uploadUrl !== "")
                        writer.uint32(/* id 3, wireType 2 =*/26).string(message.uploadUrl);
                    if (message.expiresAtMs != null && $Object.hasOwnProperty.call(message, "expiresAtMs") && (typeof message.expiresAtMs === "object" ? message.expiresAtMs.low || message.expiresAtMs.high : message.expiresAtMs !== 0))
                        writer.uint32(/* id 4, wireType 0 =*/32).int64(message.expiresAtMs);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes an UploadRecording message from the specified reader or buffer.
                 * @function decode
                 * @memberof cunke.device.v1.UploadRecording
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {cunke.device.v1.UploadRecording & cunke.device.v1.UploadRecording.$Shape} UploadRecording
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                UploadRecording.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.cunke.device.v1.UploadRecording();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.callId = value;
                                else
                                    delete message.callId;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.recordingId = value;
                                else
                                    delete message.recordingId;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.uploadUrl = value;
                                else
                                    delete message.uploadUrl;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.expiresAtMs = value;
                                else
                                    delete message.expiresAtMs;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Verifies an UploadRecording message.
                 * @function verify
                 * @memberof cunke.device.v1.UploadRecording
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                UploadRecording.verify = function (message, _depth) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        return "max depth exceeded";
                    if (message.callId != null && $Object.hasOwnProperty.call(message, "callId"))
                        if (!$util.isString(message.callId))
                            return "callId: string expected";
                    if (message.recordingId != null && $Object.hasOwnProperty.call(message, "recordingId"))
                        if (!$util.isString(message.recordingId))
                            return "recordingId: string expected";
                    if (message.uploadUrl != null && $Object.hasOwnProperty.call(message, "uploadUrl"))
                        if (!$util.isString(message.uploadUrl))
                            return "uploadUrl: string expected";
                    if (message.expiresAtMs != null && $Object.hasOwnProperty.call(message, "expiresAtMs"))
                        if (!$util.isInteger(message.expiresAtMs) && !(message.expiresAtMs && $util.isInteger(message.expiresAtMs.low) && $util.isInteger(message.expiresAtMs.high)))
                            return "expiresAtMs: integer|Long expected";
                    return null;
                };

                /**
                 * Creates an UploadRecording message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof cunke.device.v1.UploadRecording
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {cunke.device.v1.UploadRecording} UploadRecording
                 */
                UploadRecording.fromObject = function (object, _depth) {
                    if (object instanceof $root.cunke.device.v1.UploadRecording)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".cunke.device.v1.UploadRecording: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.cunke.device.v1.UploadRecording();
                    if (object.callId != null)
                        if (typeof object.callId !== "string" || object.callId.length)
                            message.callId = $String(object.callId);
                    if (object.recordingId != null)
                        if (typeof object.recordingId !== "string" || object.recordingId.length)
                            message.recordingId = $String(object.recordingId);
                    if (object.uploadUrl != null)
                        if (typeof object.uploadUrl !== "string" || object.uploadUrl.length)
                            message.uploadUrl = $String(object.uploadUrl);
                    if (object.expiresAtMs != null)
                        if (typeof object.expiresAtMs === "object" ? object.expiresAtMs.low || object.expiresAtMs.high : $Number(object.expiresAtMs) !== 0)
                            if ($util.Long)
                                message.expiresAtMs = $util.Long.fromValue(object.expiresAtMs, false);
                            else if (typeof object.expiresAtMs === "string")
                                message.expiresAtMs = $parseInt(object.expiresAtMs, 10);
                            else if (typeof object.expiresAtMs === "number")
                                message.expiresAtMs = object.expiresAtMs;
                            else if (typeof object.expiresAtMs === "object")
                                message.expiresAtMs = new $util.LongBits(object.expiresAtMs.low >>> 0, object.expiresAtMs.high >>> 0).toNumber();
                    return message;
                };

                /**
                 * Creates a plain object from an UploadRecording message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof cunke.device.v1.UploadRecording
                 * @static
                 * @param {cunke.device.v1.UploadRecording} message UploadRecording
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                UploadRecording.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.callId = "";
                        object.recordingId = "";
                        object.uploadUrl = "";
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.expiresAtMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.expiresAtMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    }
                    if (message.callId != null && $Object.hasOwnProperty.call(message, "callId"))
                        object.callId = message.callId;
                    if (message.recordingId != null && $Object.hasOwnProperty.call(message, "recordingId"))
                        object.recordingId = message.recordingId;
                    if (message.uploadUrl != null && $Object.hasOwnProperty.call(message, "uploadUrl"))
                        object.uploadUrl = message.uploadUrl;
                    if (message.expiresAtMs != null && $Object.hasOwnProperty.call(message, "expiresAtMs"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.expiresAtMs = typeof message.expiresAtMs === "number" ? $BigInt(message.expiresAtMs) : $util.Long.fromBits(message.expiresAtMs.low >>> 0, message.expiresAtMs.high >>> 0, false).toBigInt();
                        else if (typeof message.expiresAtMs === "number")
                            object.expiresAtMs = options.longs === $String ? $String(message.expiresAtMs) : message.expiresAtMs;
                        else
                            object.expiresAtMs = options.longs === $String ? $util.Long.prototype.toString.call(message.expiresAtMs) : options.longs === $Number ? new $util.LongBits(message.expiresAtMs.low >>> 0, message.expiresAtMs.high >>> 0).toNumber() : message.expiresAtMs;
                    return object;
                };

                /**
                 * Converts this UploadRecording to JSON.
                 * @function toJSON
                 * @memberof cunke.device.v1.UploadRecording
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                UploadRecording.prototype.toJSON = function() {
                    return UploadRecording.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for UploadRecording
                 * @function getTypeUrl
                 * @memberof cunke.device.v1.UploadRecording
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                UploadRecording.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/cunke.device.v1.UploadRecording";
                };

                return UploadRecording;
            })();

            v1.ConfigUpdate = (function() {

                /**
                 * Properties of a ConfigUpdate.
                 * @typedef {Object} cunke.device.v1.ConfigUpdate.$Properties
                 * @property {number|null} [heartbeatIntervalS] ConfigUpdate heartbeatIntervalS
                 * @property {Object.<string,string>|null} [settings] ConfigUpdate settings
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a ConfigUpdate.
                 * @memberof cunke.device.v1
                 * @interface IConfigUpdate
                 * @augments cunke.device.v1.ConfigUpdate.$Properties
                 * @deprecated Use cunke.device.v1.ConfigUpdate.$Properties instead.
                 */

                /**
                 * Shape of a ConfigUpdate.
                 * @typedef {cunke.device.v1.ConfigUpdate.$Properties} cunke.device.v1.ConfigUpdate.$Shape
                 */

                /**
                 * Constructs a new ConfigUpdate.
                 * @memberof cunke.device.v1
                 * @classdesc Represents a ConfigUpdate.
                 * @constructor
                 * @param {cunke.device.v1.ConfigUpdate.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const ConfigUpdate = function (properties) {
                    this.settings = {};
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * ConfigUpdate heartbeatIntervalS.
                 * @member {number} heartbeatIntervalS
                 * @memberof cunke.device.v1.ConfigUpdate
                 * @instance
                 */
                ConfigUpdate.prototype.heartbeatIntervalS = 0;

                /**
                 * ConfigUpdate settings.
                 * @member {Object.<string,string>} settings
                 * @memberof cunke.device.v1.ConfigUpdate
                 * @instance
                 */
                ConfigUpdate.prototype.settings = $util.emptyObject;

                /**
                 * Creates a new ConfigUpdate instance using the specified properties.
                 * @function create
                 * @memberof cunke.device.v1.ConfigUpdate
                 * @static
                 * @param {cunke.device.v1.ConfigUpdate.$Properties=} [properties] Properties to set
                 * @returns {cunke.device.v1.ConfigUpdate} ConfigUpdate instance
                 * @type {{
                 *   (properties: cunke.device.v1.ConfigUpdate.$Shape): cunke.device.v1.ConfigUpdate & cunke.device.v1.ConfigUpdate.$Shape;
                 *   (properties?: cunke.device.v1.ConfigUpdate.$Properties): cunke.device.v1.ConfigUpdate;
                 * }}
                 */
                ConfigUpdate.create = function(properties) {
                    return new ConfigUpdate(properties);
                };

                /**
                 * Encodes the specified ConfigUpdate message. Does not implicitly {@link cunke.device.v1.ConfigUpdate.verify|verify} messages.
                 * @function encode
                 * @memberof cunke.device.v1.ConfigUpdate
                 * @static
                 * @param {cunke.device.v1.ConfigUpdate.$Properties} message ConfigUpdate message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                ConfigUpdate.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.heartbeatIntervalS != null && $Object.hasOwnProperty.call(message, "heartbeatIntervalS") && message.heartbeatIntervalS !== 0)
                        writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.heartbeatIntervalS);
                    if (message.settings != null && $Object.hasOwnProperty.call(message, "settings"))
                        for (let keys = $Object.keys(message.settings), i = 0; i < keys.length; ++i)
                            writer.uint32(/* id 2, wireType 2 =*/18).fork().uint32(/* id 1, wireType 2 =*/10).string(keys[i]).uint32(/* id 2, wireType 2 =*/18).string(message.settings[keys[i]]).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a ConfigUpdate message from the specified reader or buffer.
                 * @function decode
                 * @memberof cunke.device.v1.ConfigUpdate
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {cunke.device.v1.ConfigUpdate & cunke.device.v1.ConfigUpdate.$Shape} ConfigUpdate
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                ConfigUpdate.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, key, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.cunke.device.v1.ConfigUpdate();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.heartbeatIntervalS = value;
                                else
                                    delete message.heartbeatIntervalS;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if (message.settings === $util.emptyObject)
                                    message.settings = {};
                                let end2 = reader.size() + reader.pos;
                                if (end2 > reader.len)
                                    throw $RangeError("index out of range");
                                reader.len = end2;
                                key = "";
                                value = "";
                                while (reader.pos < end2) {
                                    let tag2 = reader.tag();
                                    wireType = tag2 & 7;
                                    switch (tag2 >>>= 3) {
                                    case 1:
                                        if (wireType !== 2)
                                            break;
                                        key = reader.stringVerify();
                                        continue;
                                    case 2:
                                        if (wireType !== 2)
                                            break;
                                        value = reader.stringVerify();
                                        continue;
                                    }
                                    reader.skipType(wireType, _depth, tag2);
                                }
                                if (reader.pos !== end2)
                                    throw $RangeError("index out of range");
                                reader.len = end;
                                if (key === "__proto__")
                                    $util.makeProp(message.settings, key);
                                message.settings[key] = value;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Verifies a ConfigUpdate message.
                 * @function verify
                 * @memberof cunke.device.v1.ConfigUpdate
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                ConfigUpdate.verify = function (message, _depth) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        return "max depth exceeded";
                    if (message.heartbeatIntervalS != null && $Object.hasOwnProperty.call(message, "heartbeatIntervalS"))
                        if (!$util.isInteger(message.heartbeatIntervalS))
                            return "heartbeatIntervalS: integer expected";
                    if (message.settings != null && $Object.hasOwnProperty.call(message, "settings")) {
                        if (!$util.isObject(message.settings))
                            return "settings: object expected";
                        let key = $Object.keys(message.settings);
                        for (let i = 0; i < key.length; ++i)
                            if (!$util.isString(message.settings[key[i]]))
                                return "settings: string{k:string} expected";
                    }
                    return null;
                };

                /**
                 * Creates a ConfigUpdate message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof cunke.device.v1.ConfigUpdate
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {cunke.device.v1.ConfigUpdate} ConfigUpdate
                 */
                ConfigUpdate.fromObject = function (object, _depth) {
                    if (object instanceof $root.cunke.device.v1.ConfigUpdate)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".cunke.device.v1.ConfigUpdate: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.cunke.device.v1.ConfigUpdate();
                    if (object.heartbeatIntervalS != null)
                        if ($Number(object.heartbeatIntervalS) !== 0)
                            message.heartbeatIntervalS = object.heartbeatIntervalS >>> 0;
                    if (object.settings) {
                        if (!$util.isObject(object.settings))
                            throw $TypeError(".cunke.device.v1.ConfigUpdate.settings: object expected");
                        message.settings = {};
                        for (let keys = $Object.keys(object.settings), i = 0; i < keys.length; ++i) {
                            if (keys[i] === "__proto__")
                                $util.makeProp(message.settings, keys[i]);
                            message.settings[keys[i]] = $String(object.settings[keys[i]]);
                        }
                    }
                    return message;
                };

                /**
                 * Creates a plain object from a ConfigUpdate message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof cunke.device.v1.ConfigUpdate
                 * @static
                 * @param {cunke.device.v1.ConfigUpdate} message ConfigUpdate
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                ConfigUpdate.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.objects || options.defaults)
                        object.settings = {};
                    if (options.defaults)
                        object.heartbeatIntervalS = 0;
                    if (message.heartbeatIntervalS != null && $Object.hasOwnProperty.call(message, "heartbeatIntervalS"))
                        object.heartbeatIntervalS = message.heartbeatIntervalS;
                    let keys2;
                    if (message.settings && (keys2 = $Object.keys(message.settings)).length) {
                        object.settings = {};
                        for (let j = 0; j < keys2.length; ++j) {
                            if (keys2[j] === "__proto__")
                                $util.makeProp(object.settings, keys2[j]);
                            object.settings[keys2[j]] = message.settings[keys2[j]];
                        }
                    }
                    return object;
                };

                /**
                 * Converts this ConfigUpdate to JSON.
                 * @function toJSON
                 * @memberof cunke.device.v1.ConfigUpdate
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                ConfigUpdate.prototype.toJSON = function() {
                    return ConfigUpdate.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for ConfigUpdate
                 * @function getTypeUrl
                 * @memberof cunke.device.v1.ConfigUpdate
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                ConfigUpdate.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/cunke.device.v1.ConfigUpdate";
                };

                return ConfigUpdate;
            })();

            return v1;
        })();

        return device;
    })();

    return cunke;
})();

export {
  $root as default
};
