import * as $protobuf from "protobufjs";
import Long = require("long");

/** Namespace cunke. */
export namespace cunke {

    /** Namespace device. */
    namespace device {

        /** Namespace v1. */
        namespace v1 {

            /**
             * Properties of a DeviceEnvelope.
             * @deprecated Use cunke.device.v1.DeviceEnvelope.$Properties instead.
             */
            interface IDeviceEnvelope extends cunke.device.v1.DeviceEnvelope.$Properties {
            }

            /** Represents a DeviceEnvelope. */
            class DeviceEnvelope {

                /**
                 * Constructs a new DeviceEnvelope.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: cunke.device.v1.DeviceEnvelope.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** DeviceEnvelope deviceId. */
                deviceId: string;

                /** DeviceEnvelope tenantId. */
                tenantId: string;

                /** DeviceEnvelope eventId. */
                eventId: Uint8Array;

                /** DeviceEnvelope seq. */
                seq: number;

                /** DeviceEnvelope deviceTimeMs. */
                deviceTimeMs: number;

                /** DeviceEnvelope call. */
                call?: (cunke.device.v1.CallEvent.$Properties|null);

                /** DeviceEnvelope heartbeat. */
                heartbeat?: (cunke.device.v1.Heartbeat.$Properties|null);

                /** DeviceEnvelope commandAck. */
                commandAck?: (cunke.device.v1.CommandAck.$Properties|null);

                /** DeviceEnvelope payload. */
                payload?: ("call"|"heartbeat"|"commandAck");

                /**
                 * Creates a new DeviceEnvelope instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns DeviceEnvelope instance
                 */
                static create(properties: cunke.device.v1.DeviceEnvelope.$Shape): cunke.device.v1.DeviceEnvelope & cunke.device.v1.DeviceEnvelope.$Shape;
                static create(properties?: cunke.device.v1.DeviceEnvelope.$Properties): cunke.device.v1.DeviceEnvelope;

                /**
                 * Encodes the specified DeviceEnvelope message. Does not implicitly {@link cunke.device.v1.DeviceEnvelope.verify|verify} messages.
                 * @param message DeviceEnvelope message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: cunke.device.v1.DeviceEnvelope.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a DeviceEnvelope message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {cunke.device.v1.DeviceEnvelope & cunke.device.v1.DeviceEnvelope.$Shape} DeviceEnvelope
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): cunke.device.v1.DeviceEnvelope & cunke.device.v1.DeviceEnvelope.$Shape;

                /**
                 * Verifies a DeviceEnvelope message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a DeviceEnvelope message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns DeviceEnvelope
                 */
                static fromObject(object: { [k: string]: any }): cunke.device.v1.DeviceEnvelope;

                /**
                 * Creates a plain object from a DeviceEnvelope message. Also converts values to other types if specified.
                 * @param message DeviceEnvelope
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: cunke.device.v1.DeviceEnvelope, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this DeviceEnvelope to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for DeviceEnvelope
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace DeviceEnvelope {

                /** Properties of a DeviceEnvelope. */
                interface $Properties {

                    /** DeviceEnvelope deviceId */
                    deviceId?: (string|null);

                    /** DeviceEnvelope tenantId */
                    tenantId?: (string|null);

                    /** DeviceEnvelope eventId */
                    eventId?: (Uint8Array|null);

                    /** DeviceEnvelope seq */
                    seq?: (number|null);

                    /** DeviceEnvelope deviceTimeMs */
                    deviceTimeMs?: (number|null);

                    /** DeviceEnvelope call */
                    call?: (cunke.device.v1.CallEvent.$Properties|null);

                    /** DeviceEnvelope heartbeat */
                    heartbeat?: (cunke.device.v1.Heartbeat.$Properties|null);

                    /** DeviceEnvelope commandAck */
                    commandAck?: (cunke.device.v1.CommandAck.$Properties|null);

                    /** DeviceEnvelope payload */
                    payload?: ("call"|"heartbeat"|"commandAck");

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Narrowed shape of a DeviceEnvelope. */
                type $Shape = {
                  deviceId?: string|null;
                  tenantId?: string|null;
                  eventId?: Uint8Array|null;
                  seq?: number|null;
                  deviceTimeMs?: number|null;
                  call?: cunke.device.v1.CallEvent.$Shape|null;
                  heartbeat?: cunke.device.v1.Heartbeat.$Shape|null;
                  commandAck?: cunke.device.v1.CommandAck.$Shape|null;
                  $unknowns?: Uint8Array[];
                } & (
                  ({ payload?: undefined; call?: null; heartbeat?: null; commandAck?: null }|{ payload?: "call"; call: cunke.device.v1.CallEvent.$Shape; heartbeat?: null; commandAck?: null }|{ payload?: "heartbeat"; call?: null; heartbeat: cunke.device.v1.Heartbeat.$Shape; commandAck?: null }|{ payload?: "commandAck"; call?: null; heartbeat?: null; commandAck: cunke.device.v1.CommandAck.$Shape })
                );
            }

            /** CallDirection enum. */
            enum CallDirection {

                /** CALL_DIRECTION_UNSPECIFIED value */
                CALL_DIRECTION_UNSPECIFIED = 0,

                /** CALL_DIRECTION_OUTBOUND value */
                CALL_DIRECTION_OUTBOUND = 1,

                /** CALL_DIRECTION_INBOUND value */
                CALL_DIRECTION_INBOUND = 2
            }

            /**
             * Properties of a CallEvent.
             * @deprecated Use cunke.device.v1.CallEvent.$Properties instead.
             */
            interface ICallEvent extends cunke.device.v1.CallEvent.$Properties {
            }

            /** Represents a CallEvent. */
            class CallEvent {

                /**
                 * Constructs a new CallEvent.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: cunke.device.v1.CallEvent.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** CallEvent callId. */
                callId: string;

                /** CallEvent taskId. */
                taskId: string;

                /** CallEvent commandId. */
                commandId: string;

                /** CallEvent phoneNumber. */
                phoneNumber: string;

                /** CallEvent callerId. */
                callerId: string;

                /** CallEvent direction. */
                direction: cunke.device.v1.CallDirection;

                /** CallEvent dialing. */
                dialing?: (cunke.device.v1.Dialing.$Properties|null);

                /** CallEvent ringing. */
                ringing?: (cunke.device.v1.Ringing.$Properties|null);

                /** CallEvent answered. */
                answered?: (cunke.device.v1.Answered.$Properties|null);

                /** CallEvent hangup. */
                hangup?: (cunke.device.v1.Hangup.$Properties|null);

                /** CallEvent ended. */
                ended?: (cunke.device.v1.Ended.$Properties|null);

                /** CallEvent recordingReady. */
                recordingReady?: (cunke.device.v1.RecordingReady.$Properties|null);

                /** CallEvent step. */
                step?: ("dialing"|"ringing"|"answered"|"hangup"|"ended"|"recordingReady");

                /**
                 * Creates a new CallEvent instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns CallEvent instance
                 */
                static create(properties: cunke.device.v1.CallEvent.$Shape): cunke.device.v1.CallEvent & cunke.device.v1.CallEvent.$Shape;
                static create(properties?: cunke.device.v1.CallEvent.$Properties): cunke.device.v1.CallEvent;

                /**
                 * Encodes the specified CallEvent message. Does not implicitly {@link cunke.device.v1.CallEvent.verify|verify} messages.
                 * @param message CallEvent message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: cunke.device.v1.CallEvent.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a CallEvent message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {cunke.device.v1.CallEvent & cunke.device.v1.CallEvent.$Shape} CallEvent
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): cunke.device.v1.CallEvent & cunke.device.v1.CallEvent.$Shape;

                /**
                 * Verifies a CallEvent message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a CallEvent message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns CallEvent
                 */
                static fromObject(object: { [k: string]: any }): cunke.device.v1.CallEvent;

                /**
                 * Creates a plain object from a CallEvent message. Also converts values to other types if specified.
                 * @param message CallEvent
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: cunke.device.v1.CallEvent, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this CallEvent to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for CallEvent
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace CallEvent {

                /** Properties of a CallEvent. */
                interface $Properties {

                    /** CallEvent callId */
                    callId?: (string|null);

                    /** CallEvent taskId */
                    taskId?: (string|null);

                    /** CallEvent commandId */
                    commandId?: (string|null);

                    /** CallEvent phoneNumber */
                    phoneNumber?: (string|null);

                    /** CallEvent callerId */
                    callerId?: (string|null);

                    /** CallEvent direction */
                    direction?: (cunke.device.v1.CallDirection|null);

                    /** CallEvent dialing */
                    dialing?: (cunke.device.v1.Dialing.$Properties|null);

                    /** CallEvent ringing */
                    ringing?: (cunke.device.v1.Ringing.$Properties|null);

                    /** CallEvent answered */
                    answered?: (cunke.device.v1.Answered.$Properties|null);

                    /** CallEvent hangup */
                    hangup?: (cunke.device.v1.Hangup.$Properties|null);

                    /** CallEvent ended */
                    ended?: (cunke.device.v1.Ended.$Properties|null);

                    /** CallEvent recordingReady */
                    recordingReady?: (cunke.device.v1.RecordingReady.$Properties|null);

                    /** CallEvent step */
                    step?: ("dialing"|"ringing"|"answered"|"hangup"|"ended"|"recordingReady");

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Narrowed shape of a CallEvent. */
                type $Shape = {
                  callId?: string|null;
                  taskId?: string|null;
                  commandId?: string|null;
                  phoneNumber?: string|null;
                  callerId?: string|null;
                  direction?: cunke.device.v1.CallDirection|null;
                  dialing?: cunke.device.v1.Dialing.$Shape|null;
                  ringing?: cunke.device.v1.Ringing.$Shape|null;
                  answered?: cunke.device.v1.Answered.$Shape|null;
                  hangup?: cunke.device.v1.Hangup.$Shape|null;
                  ended?: cunke.device.v1.Ended.$Shape|null;
                  recordingReady?: cunke.device.v1.RecordingReady.$Shape|null;
                  $unknowns?: Uint8Array[];
                } & (
                  ({ step?: undefined; dialing?: null; ringing?: null; answered?: null; hangup?: null; ended?: null; recordingReady?: null }|{ step?: "dialing"; dialing: cunke.device.v1.Dialing.$Shape; ringing?: null; answered?: null; hangup?: null; ended?: null; recordingReady?: null }|{ step?: "ringing"; dialing?: null; ringing: cunke.device.v1.Ringing.$Shape; answered?: null; hangup?: null; ended?: null; recordingReady?: null }|{ step?: "answered"; dialing?: null; ringing?: null; answered: cunke.device.v1.Answered.$Shape; hangup?: null; ended?: null; recordingReady?: null }|{ step?: "hangup"; dialing?: null; ringing?: null; answered?: null; hangup: cunke.device.v1.Hangup.$Shape; ended?: null; recordingReady?: null }|{ step?: "ended"; dialing?: null; ringing?: null; answered?: null; hangup?: null; ended: cunke.device.v1.Ended.$Shape; recordingReady?: null }|{ step?: "recordingReady"; dialing?: null; ringing?: null; answered?: null; hangup?: null; ended?: null; recordingReady: cunke.device.v1.RecordingReady.$Shape })
                );
            }

            /**
             * Properties of a Dialing.
             * @deprecated Use cunke.device.v1.Dialing.$Properties instead.
             */
            interface IDialing extends cunke.device.v1.Dialing.$Properties {
            }

            /** Represents a Dialing. */
            class Dialing {

                /**
                 * Constructs a new Dialing.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: cunke.device.v1.Dialing.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Dialing line. */
                line: number;

                /**
                 * Creates a new Dialing instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Dialing instance
                 */
                static create(properties: cunke.device.v1.Dialing.$Shape): cunke.device.v1.Dialing & cunke.device.v1.Dialing.$Shape;
                static create(properties?: cunke.device.v1.Dialing.$Properties): cunke.device.v1.Dialing;

                /**
                 * Encodes the specified Dialing message. Does not implicitly {@link cunke.device.v1.Dialing.verify|verify} messages.
                 * @param message Dialing message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: cunke.device.v1.Dialing.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Dialing message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {cunke.device.v1.Dialing & cunke.device.v1.Dialing.$Shape} Dialing
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): cunke.device.v1.Dialing & cunke.device.v1.Dialing.$Shape;

                /**
                 * Verifies a Dialing message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a Dialing message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Dialing
                 */
                static fromObject(object: { [k: string]: any }): cunke.device.v1.Dialing;

                /**
                 * Creates a plain object from a Dialing message. Also converts values to other types if specified.
                 * @param message Dialing
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: cunke.device.v1.Dialing, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Dialing to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for Dialing
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Dialing {

                /** Properties of a Dialing. */
                interface $Properties {

                    /** Dialing line */
                    line?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Dialing. */
                type $Shape = cunke.device.v1.Dialing.$Properties;
            }

            /**
             * Properties of a Ringing.
             * @deprecated Use cunke.device.v1.Ringing.$Properties instead.
             */
            interface IRinging extends cunke.device.v1.Ringing.$Properties {
            }

            /** Represents a Ringing. */
            class Ringing {

                /**
                 * Constructs a new Ringing.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: cunke.device.v1.Ringing.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /**
                 * Creates a new Ringing instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Ringing instance
                 */
                static create(properties: cunke.device.v1.Ringing.$Shape): cunke.device.v1.Ringing & cunke.device.v1.Ringing.$Shape;
                static create(properties?: cunke.device.v1.Ringing.$Properties): cunke.device.v1.Ringing;

                /**
                 * Encodes the specified Ringing message. Does not implicitly {@link cunke.device.v1.Ringing.verify|verify} messages.
                 * @param message Ringing message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: cunke.device.v1.Ringing.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Ringing message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {cunke.device.v1.Ringing & cunke.device.v1.Ringing.$Shape} Ringing
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): cunke.device.v1.Ringing & cunke.device.v1.Ringing.$Shape;

                /**
                 * Verifies a Ringing message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a Ringing message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Ringing
                 */
                static fromObject(object: { [k: string]: any }): cunke.device.v1.Ringing;

                /**
                 * Creates a plain object from a Ringing message. Also converts values to other types if specified.
                 * @param message Ringing
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: cunke.device.v1.Ringing, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Ringing to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for Ringing
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Ringing {

                /** Properties of a Ringing. */
                interface $Properties {

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Ringing. */
                type $Shape = cunke.device.v1.Ringing.$Properties;
            }

            /**
             * Properties of an Answered.
             * @deprecated Use cunke.device.v1.Answered.$Properties instead.
             */
            interface IAnswered extends cunke.device.v1.Answered.$Properties {
            }

            /** Represents an Answered. */
            class Answered {

                /**
                 * Constructs a new Answered.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: cunke.device.v1.Answered.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /**
                 * Creates a new Answered instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Answered instance
                 */
                static create(properties: cunke.device.v1.Answered.$Shape): cunke.device.v1.Answered & cunke.device.v1.Answered.$Shape;
                static create(properties?: cunke.device.v1.Answered.$Properties): cunke.device.v1.Answered;

                /**
                 * Encodes the specified Answered message. Does not implicitly {@link cunke.device.v1.Answered.verify|verify} messages.
                 * @param message Answered message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: cunke.device.v1.Answered.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an Answered message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {cunke.device.v1.Answered & cunke.device.v1.Answered.$Shape} Answered
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): cunke.device.v1.Answered & cunke.device.v1.Answered.$Shape;

                /**
                 * Verifies an Answered message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates an Answered message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Answered
                 */
                static fromObject(object: { [k: string]: any }): cunke.device.v1.Answered;

                /**
                 * Creates a plain object from an Answered message. Also converts values to other types if specified.
                 * @param message Answered
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: cunke.device.v1.Answered, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Answered to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for Answered
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Answered {

                /** Properties of an Answered. */
                interface $Properties {

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an Answered. */
                type $Shape = cunke.device.v1.Answered.$Properties;
            }

            /** HangupCause enum. */
            enum HangupCause {

                /** HANGUP_CAUSE_UNSPECIFIED value */
                HANGUP_CAUSE_UNSPECIFIED = 0,

                /** HANGUP_CAUSE_NORMAL_CLEARING value */
                HANGUP_CAUSE_NORMAL_CLEARING = 1,

                /** HANGUP_CAUSE_NO_ANSWER value */
                HANGUP_CAUSE_NO_ANSWER = 2,

                /** HANGUP_CAUSE_USER_BUSY value */
                HANGUP_CAUSE_USER_BUSY = 3,

                /** HANGUP_CAUSE_CALL_REJECTED value */
                HANGUP_CAUSE_CALL_REJECTED = 4,

                /** HANGUP_CAUSE_INVALID_NUMBER value */
                HANGUP_CAUSE_INVALID_NUMBER = 5,

                /** HANGUP_CAUSE_NETWORK_FAILURE value */
                HANGUP_CAUSE_NETWORK_FAILURE = 6,

                /** HANGUP_CAUSE_CANCELLED value */
                HANGUP_CAUSE_CANCELLED = 7,

                /** HANGUP_CAUSE_UNREACHABLE value */
                HANGUP_CAUSE_UNREACHABLE = 8
            }

            /** HangupParty enum. */
            enum HangupParty {

                /** HANGUP_PARTY_UNSPECIFIED value */
                HANGUP_PARTY_UNSPECIFIED = 0,

                /** HANGUP_PARTY_LOCAL value */
                HANGUP_PARTY_LOCAL = 1,

                /** HANGUP_PARTY_REMOTE value */
                HANGUP_PARTY_REMOTE = 2,

                /** HANGUP_PARTY_NETWORK value */
                HANGUP_PARTY_NETWORK = 3
            }

            /**
             * Properties of a Hangup.
             * @deprecated Use cunke.device.v1.Hangup.$Properties instead.
             */
            interface IHangup extends cunke.device.v1.Hangup.$Properties {
            }

            /** Represents a Hangup. */
            class Hangup {

                /**
                 * Constructs a new Hangup.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: cunke.device.v1.Hangup.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Hangup cause. */
                cause: cunke.device.v1.HangupCause;

                /** Hangup party. */
                party: cunke.device.v1.HangupParty;

                /** Hangup protocolCode. */
                protocolCode: number;

                /**
                 * Creates a new Hangup instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Hangup instance
                 */
                static create(properties: cunke.device.v1.Hangup.$Shape): cunke.device.v1.Hangup & cunke.device.v1.Hangup.$Shape;
                static create(properties?: cunke.device.v1.Hangup.$Properties): cunke.device.v1.Hangup;

                /**
                 * Encodes the specified Hangup message. Does not implicitly {@link cunke.device.v1.Hangup.verify|verify} messages.
                 * @param message Hangup message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: cunke.device.v1.Hangup.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Hangup message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {cunke.device.v1.Hangup & cunke.device.v1.Hangup.$Shape} Hangup
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): cunke.device.v1.Hangup & cunke.device.v1.Hangup.$Shape;

                /**
                 * Verifies a Hangup message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a Hangup message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Hangup
                 */
                static fromObject(object: { [k: string]: any }): cunke.device.v1.Hangup;

                /**
                 * Creates a plain object from a Hangup message. Also converts values to other types if specified.
                 * @param message Hangup
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: cunke.device.v1.Hangup, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Hangup to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for Hangup
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Hangup {

                /** Properties of a Hangup. */
                interface $Properties {

                    /** Hangup cause */
                    cause?: (cunke.device.v1.HangupCause|null);

                    /** Hangup party */
                    party?: (cunke.device.v1.HangupParty|null);

                    /** Hangup protocolCode */
                    protocolCode?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Hangup. */
                type $Shape = cunke.device.v1.Hangup.$Properties;
            }

            /**
             * Properties of an Ended.
             * @deprecated Use cunke.device.v1.Ended.$Properties instead.
             */
            interface IEnded extends cunke.device.v1.Ended.$Properties {
            }

            /** Represents an Ended. */
            class Ended {

                /**
                 * Constructs a new Ended.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: cunke.device.v1.Ended.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Ended cause. */
                cause: cunke.device.v1.HangupCause;

                /** Ended ringDurationMs. */
                ringDurationMs: number;

                /** Ended talkDurationMs. */
                talkDurationMs: number;

                /** Ended totalDurationMs. */
                totalDurationMs: number;

                /**
                 * Creates a new Ended instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Ended instance
                 */
                static create(properties: cunke.device.v1.Ended.$Shape): cunke.device.v1.Ended & cunke.device.v1.Ended.$Shape;
                static create(properties?: cunke.device.v1.Ended.$Properties): cunke.device.v1.Ended;

                /**
                 * Encodes the specified Ended message. Does not implicitly {@link cunke.device.v1.Ended.verify|verify} messages.
                 * @param message Ended message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: cunke.device.v1.Ended.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an Ended message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {cunke.device.v1.Ended & cunke.device.v1.Ended.$Shape} Ended
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): cunke.device.v1.Ended & cunke.device.v1.Ended.$Shape;

                /**
                 * Verifies an Ended message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates an Ended message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Ended
                 */
                static fromObject(object: { [k: string]: any }): cunke.device.v1.Ended;

                /**
                 * Creates a plain object from an Ended message. Also converts values to other types if specified.
                 * @param message Ended
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: cunke.device.v1.Ended, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Ended to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for Ended
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Ended {

                /** Properties of an Ended. */
                interface $Properties {

                    /** Ended cause */
                    cause?: (cunke.device.v1.HangupCause|null);

                    /** Ended ringDurationMs */
                    ringDurationMs?: (number|null);

                    /** Ended talkDurationMs */
                    talkDurationMs?: (number|null);

                    /** Ended totalDurationMs */
                    totalDurationMs?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an Ended. */
                type $Shape = cunke.device.v1.Ended.$Properties;
            }

            /**
             * Properties of a RecordingReady.
             * @deprecated Use cunke.device.v1.RecordingReady.$Properties instead.
             */
            interface IRecordingReady extends cunke.device.v1.RecordingReady.$Properties {
            }

            /** Represents a RecordingReady. */
            class RecordingReady {

                /**
                 * Constructs a new RecordingReady.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: cunke.device.v1.RecordingReady.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** RecordingReady recordingId. */
                recordingId: string;

                /** RecordingReady durationMs. */
                durationMs: number;

                /** RecordingReady sizeBytes. */
                sizeBytes: number;

                /** RecordingReady sha256. */
                sha256: string;

                /** RecordingReady contentType. */
                contentType: string;

                /**
                 * Creates a new RecordingReady instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns RecordingReady instance
                 */
                static create(properties: cunke.device.v1.RecordingReady.$Shape): cunke.device.v1.RecordingReady & cunke.device.v1.RecordingReady.$Shape;
                static create(properties?: cunke.device.v1.RecordingReady.$Properties): cunke.device.v1.RecordingReady;

                /**
                 * Encodes the specified RecordingReady message. Does not implicitly {@link cunke.device.v1.RecordingReady.verify|verify} messages.
                 * @param message RecordingReady message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: cunke.device.v1.RecordingReady.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a RecordingReady message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {cunke.device.v1.RecordingReady & cunke.device.v1.RecordingReady.$Shape} RecordingReady
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): cunke.device.v1.RecordingReady & cunke.device.v1.RecordingReady.$Shape;

                /**
                 * Verifies a RecordingReady message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a RecordingReady message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns RecordingReady
                 */
                static fromObject(object: { [k: string]: any }): cunke.device.v1.RecordingReady;

                /**
                 * Creates a plain object from a RecordingReady message. Also converts values to other types if specified.
                 * @param message RecordingReady
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: cunke.device.v1.RecordingReady, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this RecordingReady to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for RecordingReady
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace RecordingReady {

                /** Properties of a RecordingReady. */
                interface $Properties {

                    /** RecordingReady recordingId */
                    recordingId?: (string|null);

                    /** RecordingReady durationMs */
                    durationMs?: (number|null);

                    /** RecordingReady sizeBytes */
                    sizeBytes?: (number|null);

                    /** RecordingReady sha256 */
                    sha256?: (string|null);

                    /** RecordingReady contentType */
                    contentType?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a RecordingReady. */
                type $Shape = cunke.device.v1.RecordingReady.$Properties;
            }

            /** SimState enum. */
            enum SimState {

                /** SIM_STATE_UNSPECIFIED value */
                SIM_STATE_UNSPECIFIED = 0,

                /** SIM_STATE_READY value */
                SIM_STATE_READY = 1,

                /** SIM_STATE_ABSENT value */
                SIM_STATE_ABSENT = 2,

                /** SIM_STATE_LOCKED value */
                SIM_STATE_LOCKED = 3,

                /** SIM_STATE_NO_SERVICE value */
                SIM_STATE_NO_SERVICE = 4
            }

            /** LineState enum. */
            enum LineState {

                /** LINE_STATE_UNSPECIFIED value */
                LINE_STATE_UNSPECIFIED = 0,

                /** LINE_STATE_IDLE value */
                LINE_STATE_IDLE = 1,

                /** LINE_STATE_DIALING value */
                LINE_STATE_DIALING = 2,

                /** LINE_STATE_RINGING value */
                LINE_STATE_RINGING = 3,

                /** LINE_STATE_IN_CALL value */
                LINE_STATE_IN_CALL = 4
            }

            /**
             * Properties of a Heartbeat.
             * @deprecated Use cunke.device.v1.Heartbeat.$Properties instead.
             */
            interface IHeartbeat extends cunke.device.v1.Heartbeat.$Properties {
            }

            /** Represents a Heartbeat. */
            class Heartbeat {

                /**
                 * Constructs a new Heartbeat.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: cunke.device.v1.Heartbeat.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Heartbeat batteryPct. */
                batteryPct: number;

                /** Heartbeat charging. */
                charging: boolean;

                /** Heartbeat signalDbm. */
                signalDbm: number;

                /** Heartbeat signalLevel. */
                signalLevel: number;

                /** Heartbeat simState. */
                simState: cunke.device.v1.SimState;

                /** Heartbeat lineState. */
                lineState: cunke.device.v1.LineState;

                /** Heartbeat activeCallId. */
                activeCallId: string;

                /** Heartbeat agentVersion. */
                agentVersion: string;

                /** Heartbeat uptimeS. */
                uptimeS: number;

                /** Heartbeat outboxDepth. */
                outboxDepth: number;

                /**
                 * Creates a new Heartbeat instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Heartbeat instance
                 */
                static create(properties: cunke.device.v1.Heartbeat.$Shape): cunke.device.v1.Heartbeat & cunke.device.v1.Heartbeat.$Shape;
                static create(properties?: cunke.device.v1.Heartbeat.$Properties): cunke.device.v1.Heartbeat;

                /**
                 * Encodes the specified Heartbeat message. Does not implicitly {@link cunke.device.v1.Heartbeat.verify|verify} messages.
                 * @param message Heartbeat message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: cunke.device.v1.Heartbeat.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Heartbeat message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {cunke.device.v1.Heartbeat & cunke.device.v1.Heartbeat.$Shape} Heartbeat
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): cunke.device.v1.Heartbeat & cunke.device.v1.Heartbeat.$Shape;

                /**
                 * Verifies a Heartbeat message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a Heartbeat message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Heartbeat
                 */
                static fromObject(object: { [k: string]: any }): cunke.device.v1.Heartbeat;

                /**
                 * Creates a plain object from a Heartbeat message. Also converts values to other types if specified.
                 * @param message Heartbeat
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: cunke.device.v1.Heartbeat, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Heartbeat to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for Heartbeat
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Heartbeat {

                /** Properties of a Heartbeat. */
                interface $Properties {

                    /** Heartbeat batteryPct */
                    batteryPct?: (number|null);

                    /** Heartbeat charging */
                    charging?: (boolean|null);

                    /** Heartbeat signalDbm */
                    signalDbm?: (number|null);

                    /** Heartbeat signalLevel */
                    signalLevel?: (number|null);

                    /** Heartbeat simState */
                    simState?: (cunke.device.v1.SimState|null);

                    /** Heartbeat lineState */
                    lineState?: (cunke.device.v1.LineState|null);

                    /** Heartbeat activeCallId */
                    activeCallId?: (string|null);

                    /** Heartbeat agentVersion */
                    agentVersion?: (string|null);

                    /** Heartbeat uptimeS */
                    uptimeS?: (number|null);

                    /** Heartbeat outboxDepth */
                    outboxDepth?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Heartbeat. */
                type $Shape = cunke.device.v1.Heartbeat.$Properties;
            }

            /** CommandStatus enum. */
            enum CommandStatus {

                /** COMMAND_STATUS_UNSPECIFIED value */
                COMMAND_STATUS_UNSPECIFIED = 0,

                /** COMMAND_STATUS_ACCEPTED value */
                COMMAND_STATUS_ACCEPTED = 1,

                /** COMMAND_STATUS_REJECTED value */
                COMMAND_STATUS_REJECTED = 2,

                /** COMMAND_STATUS_COMPLETED value */
                COMMAND_STATUS_COMPLETED = 3,

                /** COMMAND_STATUS_FAILED value */
                COMMAND_STATUS_FAILED = 4
            }

            /**
             * Properties of a CommandAck.
             * @deprecated Use cunke.device.v1.CommandAck.$Properties instead.
             */
            interface ICommandAck extends cunke.device.v1.CommandAck.$Properties {
            }

            /** Represents a CommandAck. */
            class CommandAck {

                /**
                 * Constructs a new CommandAck.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: cunke.device.v1.CommandAck.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** CommandAck commandId. */
                commandId: string;

                /** CommandAck status. */
                status: cunke.device.v1.CommandStatus;

                /** CommandAck reason. */
                reason: string;

                /** CommandAck callId. */
                callId: string;

                /**
                 * Creates a new CommandAck instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns CommandAck instance
                 */
                static create(properties: cunke.device.v1.CommandAck.$Shape): cunke.device.v1.CommandAck & cunke.device.v1.CommandAck.$Shape;
                static create(properties?: cunke.device.v1.CommandAck.$Properties): cunke.device.v1.CommandAck;

                /**
                 * Encodes the specified CommandAck message. Does not implicitly {@link cunke.device.v1.CommandAck.verify|verify} messages.
                 * @param message CommandAck message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: cunke.device.v1.CommandAck.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a CommandAck message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {cunke.device.v1.CommandAck & cunke.device.v1.CommandAck.$Shape} CommandAck
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): cunke.device.v1.CommandAck & cunke.device.v1.CommandAck.$Shape;

                /**
                 * Verifies a CommandAck message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a CommandAck message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns CommandAck
                 */
                static fromObject(object: { [k: string]: any }): cunke.device.v1.CommandAck;

                /**
                 * Creates a plain object from a CommandAck message. Also converts values to other types if specified.
                 * @param message CommandAck
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: cunke.device.v1.CommandAck, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this CommandAck to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for CommandAck
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace CommandAck {

                /** Properties of a CommandAck. */
                interface $Properties {

                    /** CommandAck commandId */
                    commandId?: (string|null);

                    /** CommandAck status */
                    status?: (cunke.device.v1.CommandStatus|null);

                    /** CommandAck reason */
                    reason?: (string|null);

                    /** CommandAck callId */
                    callId?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a CommandAck. */
                type $Shape = cunke.device.v1.CommandAck.$Properties;
            }

            /** Presence enum. */
            enum Presence {

                /** PRESENCE_UNSPECIFIED value */
                PRESENCE_UNSPECIFIED = 0,

                /** PRESENCE_ONLINE value */
                PRESENCE_ONLINE = 1,

                /** PRESENCE_OFFLINE value */
                PRESENCE_OFFLINE = 2
            }

            /**
             * Properties of a DeviceStatus.
             * @deprecated Use cunke.device.v1.DeviceStatus.$Properties instead.
             */
            interface IDeviceStatus extends cunke.device.v1.DeviceStatus.$Properties {
            }

            /** Represents a DeviceStatus. */
            class DeviceStatus {

                /**
                 * Constructs a new DeviceStatus.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: cunke.device.v1.DeviceStatus.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** DeviceStatus deviceId. */
                deviceId: string;

                /** DeviceStatus tenantId. */
                tenantId: string;

                /** DeviceStatus presence. */
                presence: cunke.device.v1.Presence;

                /** DeviceStatus sinceMs. */
                sinceMs: number;

                /** DeviceStatus agentVersion. */
                agentVersion: string;

                /** DeviceStatus sessionId. */
                sessionId: string;

                /**
                 * Creates a new DeviceStatus instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns DeviceStatus instance
                 */
                static create(properties: cunke.device.v1.DeviceStatus.$Shape): cunke.device.v1.DeviceStatus & cunke.device.v1.DeviceStatus.$Shape;
                static create(properties?: cunke.device.v1.DeviceStatus.$Properties): cunke.device.v1.DeviceStatus;

                /**
                 * Encodes the specified DeviceStatus message. Does not implicitly {@link cunke.device.v1.DeviceStatus.verify|verify} messages.
                 * @param message DeviceStatus message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: cunke.device.v1.DeviceStatus.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a DeviceStatus message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {cunke.device.v1.DeviceStatus & cunke.device.v1.DeviceStatus.$Shape} DeviceStatus
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): cunke.device.v1.DeviceStatus & cunke.device.v1.DeviceStatus.$Shape;

                /**
                 * Verifies a DeviceStatus message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a DeviceStatus message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns DeviceStatus
                 */
                static fromObject(object: { [k: string]: any }): cunke.device.v1.DeviceStatus;

                /**
                 * Creates a plain object from a DeviceStatus message. Also converts values to other types if specified.
                 * @param message DeviceStatus
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: cunke.device.v1.DeviceStatus, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this DeviceStatus to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for DeviceStatus
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace DeviceStatus {

                /** Properties of a DeviceStatus. */
                interface $Properties {

                    /** DeviceStatus deviceId */
                    deviceId?: (string|null);

                    /** DeviceStatus tenantId */
                    tenantId?: (string|null);

                    /** DeviceStatus presence */
                    presence?: (cunke.device.v1.Presence|null);

                    /** DeviceStatus sinceMs */
                    sinceMs?: (number|null);

                    /** DeviceStatus agentVersion */
                    agentVersion?: (string|null);

                    /** DeviceStatus sessionId */
                    sessionId?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a DeviceStatus. */
                type $Shape = cunke.device.v1.DeviceStatus.$Properties;
            }

            /**
             * Properties of a DeviceCommand.
             * @deprecated Use cunke.device.v1.DeviceCommand.$Properties instead.
             */
            interface IDeviceCommand extends cunke.device.v1.DeviceCommand.$Properties {
            }

            /** Represents a DeviceCommand. */
            class DeviceCommand {

                /**
                 * Constructs a new DeviceCommand.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: cunke.device.v1.DeviceCommand.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** DeviceCommand commandId. */
                commandId: string;

                /** DeviceCommand issuedAtMs. */
                issuedAtMs: number;

                /** DeviceCommand expiresAtMs. */
                expiresAtMs: number;

                /** DeviceCommand makeCall. */
                makeCall?: (cunke.device.v1.MakeCall.$Properties|null);

                /** DeviceCommand hangup. */
                hangup?: (cunke.device.v1.HangupCall.$Properties|null);

                /** DeviceCommand ping. */
                ping?: (cunke.device.v1.Ping.$Properties|null);

                /** DeviceCommand configUpdate. */
                configUpdate?: (cunke.device.v1.ConfigUpdate.$Properties|null);

                /** DeviceCommand uploadRecording. */
                uploadRecording?: (cunke.device.v1.UploadRecording.$Properties|null);

                /** DeviceCommand command. */
                command?: ("makeCall"|"hangup"|"ping"|"configUpdate"|"uploadRecording");

                /**
                 * Creates a new DeviceCommand instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns DeviceCommand instance
                 */
                static create(properties: cunke.device.v1.DeviceCommand.$Shape): cunke.device.v1.DeviceCommand & cunke.device.v1.DeviceCommand.$Shape;
                static create(properties?: cunke.device.v1.DeviceCommand.$Properties): cunke.device.v1.DeviceCommand;

                /**
                 * Encodes the specified DeviceCommand message. Does not implicitly {@link cunke.device.v1.DeviceCommand.verify|verify} messages.
                 * @param message DeviceCommand message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: cunke.device.v1.DeviceCommand.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a DeviceCommand message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {cunke.device.v1.DeviceCommand & cunke.device.v1.DeviceCommand.$Shape} DeviceCommand
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): cunke.device.v1.DeviceCommand & cunke.device.v1.DeviceCommand.$Shape;

                /**
                 * Verifies a DeviceCommand message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a DeviceCommand message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns DeviceCommand
                 */
                static fromObject(object: { [k: string]: any }): cunke.device.v1.DeviceCommand;

                /**
                 * Creates a plain object from a DeviceCommand message. Also converts values to other types if specified.
                 * @param message DeviceCommand
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: cunke.device.v1.DeviceCommand, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this DeviceCommand to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for DeviceCommand
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace DeviceCommand {

                /** Properties of a DeviceCommand. */
                interface $Properties {

                    /** DeviceCommand commandId */
                    commandId?: (string|null);

                    /** DeviceCommand issuedAtMs */
                    issuedAtMs?: (number|null);

                    /** DeviceCommand expiresAtMs */
                    expiresAtMs?: (number|null);

                    /** DeviceCommand makeCall */
                    makeCall?: (cunke.device.v1.MakeCall.$Properties|null);

                    /** DeviceCommand hangup */
                    hangup?: (cunke.device.v1.HangupCall.$Properties|null);

                    /** DeviceCommand ping */
                    ping?: (cunke.device.v1.Ping.$Properties|null);

                    /** DeviceCommand configUpdate */
                    configUpdate?: (cunke.device.v1.ConfigUpdate.$Properties|null);

                    /** DeviceCommand uploadRecording */
                    uploadRecording?: (cunke.device.v1.UploadRecording.$Properties|null);

                    /** DeviceCommand command */
                    command?: ("makeCall"|"hangup"|"ping"|"configUpdate"|"uploadRecording");

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Narrowed shape of a DeviceCommand. */
                type $Shape = {
                  commandId?: string|null;
                  issuedAtMs?: number|null;
                  expiresAtMs?: number|null;
                  makeCall?: cunke.device.v1.MakeCall.$Shape|null;
                  hangup?: cunke.device.v1.HangupCall.$Shape|null;
                  ping?: cunke.device.v1.Ping.$Shape|null;
                  configUpdate?: cunke.device.v1.ConfigUpdate.$Shape|null;
                  uploadRecording?: cunke.device.v1.UploadRecording.$Shape|null;
                  $unknowns?: Uint8Array[];
                } & (
                  ({ command?: undefined; makeCall?: null; hangup?: null; ping?: null; configUpdate?: null; uploadRecording?: null }|{ command?: "makeCall"; makeCall: cunke.device.v1.MakeCall.$Shape; hangup?: null; ping?: null; configUpdate?: null; uploadRecording?: null }|{ command?: "hangup"; makeCall?: null; hangup: cunke.device.v1.HangupCall.$Shape; ping?: null; configUpdate?: null; uploadRecording?: null }|{ command?: "ping"; makeCall?: null; hangup?: null; ping: cunke.device.v1.Ping.$Shape; configUpdate?: null; uploadRecording?: null }|{ command?: "configUpdate"; makeCall?: null; hangup?: null; ping?: null; configUpdate: cunke.device.v1.ConfigUpdate.$Shape; uploadRecording?: null }|{ command?: "uploadRecording"; makeCall?: null; hangup?: null; ping?: null; configUpdate?: null; uploadRecording: cunke.device.v1.UploadRecording.$Shape })
                );
            }

            /**
             * Properties of a MakeCall.
             * @deprecated Use cunke.device.v1.MakeCall.$Properties instead.
             */
            interface IMakeCall extends cunke.device.v1.MakeCall.$Properties {
            }

            /** Represents a MakeCall. */
            class MakeCall {

                /**
                 * Constructs a new MakeCall.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: cunke.device.v1.MakeCall.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** MakeCall taskId. */
                taskId: string;

                /** MakeCall phoneNumber. */
                phoneNumber: string;

                /** MakeCall callerId. */
                callerId: string;

                /** MakeCall scriptId. */
                scriptId: string;

                /** MakeCall timeoutS. */
                timeoutS: number;

                /**
                 * Creates a new MakeCall instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns MakeCall instance
                 */
                static create(properties: cunke.device.v1.MakeCall.$Shape): cunke.device.v1.MakeCall & cunke.device.v1.MakeCall.$Shape;
                static create(properties?: cunke.device.v1.MakeCall.$Properties): cunke.device.v1.MakeCall;

                /**
                 * Encodes the specified MakeCall message. Does not implicitly {@link cunke.device.v1.MakeCall.verify|verify} messages.
                 * @param message MakeCall message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: cunke.device.v1.MakeCall.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a MakeCall message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {cunke.device.v1.MakeCall & cunke.device.v1.MakeCall.$Shape} MakeCall
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): cunke.device.v1.MakeCall & cunke.device.v1.MakeCall.$Shape;

                /**
                 * Verifies a MakeCall message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a MakeCall message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns MakeCall
                 */
                static fromObject(object: { [k: string]: any }): cunke.device.v1.MakeCall;

                /**
                 * Creates a plain object from a MakeCall message. Also converts values to other types if specified.
                 * @param message MakeCall
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: cunke.device.v1.MakeCall, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this MakeCall to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for MakeCall
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace MakeCall {

                /** Properties of a MakeCall. */
                interface $Properties {

                    /** MakeCall taskId */
                    taskId?: (string|null);

                    /** MakeCall phoneNumber */
                    phoneNumber?: (string|null);

                    /** MakeCall callerId */
                    callerId?: (string|null);

                    /** MakeCall scriptId */
                    scriptId?: (string|null);

                    /** MakeCall timeoutS */
                    timeoutS?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a MakeCall. */
                type $Shape = cunke.device.v1.MakeCall.$Properties;
            }

            /**
             * Properties of a HangupCall.
             * @deprecated Use cunke.device.v1.HangupCall.$Properties instead.
             */
            interface IHangupCall extends cunke.device.v1.HangupCall.$Properties {
            }

            /** Represents a HangupCall. */
            class HangupCall {

                /**
                 * Constructs a new HangupCall.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: cunke.device.v1.HangupCall.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** HangupCall callId. */
                callId: string;

                /**
                 * Creates a new HangupCall instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns HangupCall instance
                 */
                static create(properties: cunke.device.v1.HangupCall.$Shape): cunke.device.v1.HangupCall & cunke.device.v1.HangupCall.$Shape;
                static create(properties?: cunke.device.v1.HangupCall.$Properties): cunke.device.v1.HangupCall;

                /**
                 * Encodes the specified HangupCall message. Does not implicitly {@link cunke.device.v1.HangupCall.verify|verify} messages.
                 * @param message HangupCall message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: cunke.device.v1.HangupCall.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a HangupCall message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {cunke.device.v1.HangupCall & cunke.device.v1.HangupCall.$Shape} HangupCall
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): cunke.device.v1.HangupCall & cunke.device.v1.HangupCall.$Shape;

                /**
                 * Verifies a HangupCall message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a HangupCall message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns HangupCall
                 */
                static fromObject(object: { [k: string]: any }): cunke.device.v1.HangupCall;

                /**
                 * Creates a plain object from a HangupCall message. Also converts values to other types if specified.
                 * @param message HangupCall
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: cunke.device.v1.HangupCall, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this HangupCall to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for HangupCall
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace HangupCall {

                /** Properties of a HangupCall. */
                interface $Properties {

                    /** HangupCall callId */
                    callId?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a HangupCall. */
                type $Shape = cunke.device.v1.HangupCall.$Properties;
            }

            /**
             * Properties of a Ping.
             * @deprecated Use cunke.device.v1.Ping.$Properties instead.
             */
            interface IPing extends cunke.device.v1.Ping.$Properties {
            }

            /** Represents a Ping. */
            class Ping {

                /**
                 * Constructs a new Ping.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: cunke.device.v1.Ping.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /**
                 * Creates a new Ping instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Ping instance
                 */
                static create(properties: cunke.device.v1.Ping.$Shape): cunke.device.v1.Ping & cunke.device.v1.Ping.$Shape;
                static create(properties?: cunke.device.v1.Ping.$Properties): cunke.device.v1.Ping;

                /**
                 * Encodes the specified Ping message. Does not implicitly {@link cunke.device.v1.Ping.verify|verify} messages.
                 * @param message Ping message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: cunke.device.v1.Ping.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Ping message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {cunke.device.v1.Ping & cunke.device.v1.Ping.$Shape} Ping
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): cunke.device.v1.Ping & cunke.device.v1.Ping.$Shape;

                /**
                 * Verifies a Ping message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a Ping message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Ping
                 */
                static fromObject(object: { [k: string]: any }): cunke.device.v1.Ping;

                /**
                 * Creates a plain object from a Ping message. Also converts values to other types if specified.
                 * @param message Ping
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: cunke.device.v1.Ping, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Ping to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for Ping
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace Ping {

                /** Properties of a Ping. */
                interface $Properties {

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Ping. */
                type $Shape = cunke.device.v1.Ping.$Properties;
            }

            /**
             * Properties of an UploadRecording.
             * @deprecated Use cunke.device.v1.UploadRecording.$Properties instead.
             */
            interface IUploadRecording extends cunke.device.v1.UploadRecording.$Properties {
            }

            /** Represents an UploadRecording. */
            class UploadRecording {

                /**
                 * Constructs a new UploadRecording.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: cunke.device.v1.UploadRecording.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** UploadRecording callId. */
                callId: string;

                /** UploadRecording recordingId. */
                recordingId: string;

                /** UploadRecording uploadUrl. */
                uploadUrl: string;

                /** UploadRecording expiresAtMs. */
                expiresAtMs: number;

                /**
                 * Creates a new UploadRecording instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns UploadRecording instance
                 */
                static create(properties: cunke.device.v1.UploadRecording.$Shape): cunke.device.v1.UploadRecording & cunke.device.v1.UploadRecording.$Shape;
                static create(properties?: cunke.device.v1.UploadRecording.$Properties): cunke.device.v1.UploadRecording;

                /**
                 * Encodes the specified UploadRecording message. Does not implicitly {@link cunke.device.v1.UploadRecording.verify|verify} messages.
                 * @param message UploadRecording message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: cunke.device.v1.UploadRecording.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an UploadRecording message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {cunke.device.v1.UploadRecording & cunke.device.v1.UploadRecording.$Shape} UploadRecording
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): cunke.device.v1.UploadRecording & cunke.device.v1.UploadRecording.$Shape;

                /**
                 * Verifies an UploadRecording message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates an UploadRecording message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns UploadRecording
                 */
                static fromObject(object: { [k: string]: any }): cunke.device.v1.UploadRecording;

                /**
                 * Creates a plain object from an UploadRecording message. Also converts values to other types if specified.
                 * @param message UploadRecording
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: cunke.device.v1.UploadRecording, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this UploadRecording to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for UploadRecording
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace UploadRecording {

                /** Properties of an UploadRecording. */
                interface $Properties {

                    /** UploadRecording callId */
                    callId?: (string|null);

                    /** UploadRecording recordingId */
                    recordingId?: (string|null);

                    /** UploadRecording uploadUrl */
                    uploadUrl?: (string|null);

                    /** UploadRecording expiresAtMs */
                    expiresAtMs?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an UploadRecording. */
                type $Shape = cunke.device.v1.UploadRecording.$Properties;
            }

            /**
             * Properties of a ConfigUpdate.
             * @deprecated Use cunke.device.v1.ConfigUpdate.$Properties instead.
             */
            interface IConfigUpdate extends cunke.device.v1.ConfigUpdate.$Properties {
            }

            /** Represents a ConfigUpdate. */
            class ConfigUpdate {

                /**
                 * Constructs a new ConfigUpdate.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: cunke.device.v1.ConfigUpdate.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** ConfigUpdate heartbeatIntervalS. */
                heartbeatIntervalS: number;

                /** ConfigUpdate settings. */
                settings: { [k: string]: string };

                /**
                 * Creates a new ConfigUpdate instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns ConfigUpdate instance
                 */
                static create(properties: cunke.device.v1.ConfigUpdate.$Shape): cunke.device.v1.ConfigUpdate & cunke.device.v1.ConfigUpdate.$Shape;
                static create(properties?: cunke.device.v1.ConfigUpdate.$Properties): cunke.device.v1.ConfigUpdate;

                /**
                 * Encodes the specified ConfigUpdate message. Does not implicitly {@link cunke.device.v1.ConfigUpdate.verify|verify} messages.
                 * @param message ConfigUpdate message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: cunke.device.v1.ConfigUpdate.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a ConfigUpdate message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {cunke.device.v1.ConfigUpdate & cunke.device.v1.ConfigUpdate.$Shape} ConfigUpdate
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): cunke.device.v1.ConfigUpdate & cunke.device.v1.ConfigUpdate.$Shape;

                /**
                 * Verifies a ConfigUpdate message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a ConfigUpdate message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns ConfigUpdate
                 */
                static fromObject(object: { [k: string]: any }): cunke.device.v1.ConfigUpdate;

                /**
                 * Creates a plain object from a ConfigUpdate message. Also converts values to other types if specified.
                 * @param message ConfigUpdate
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: cunke.device.v1.ConfigUpdate, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this ConfigUpdate to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };

                /**
                 * Gets the type url for ConfigUpdate
                 * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns The type url
                 */
                static getTypeUrl(prefix?: string): string;
            }

            namespace ConfigUpdate {

                /** Properties of a ConfigUpdate. */
                interface $Properties {

                    /** ConfigUpdate heartbeatIntervalS */
                    heartbeatIntervalS?: (number|null);

                    /** ConfigUpdate settings */
                    settings?: ({ [k: string]: string }|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a ConfigUpdate. */
                type $Shape = cunke.device.v1.ConfigUpdate.$Properties;
            }
        }
    }
}
