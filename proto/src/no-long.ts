// 64-bit fields (seq, timestamps, sizes) stay far below 2^53, and Long objects cost an
// allocation per field on the hot path: decode them as plain numbers. This module must be
// imported before the generated code, which reads util.Long when it loads.
import $protobuf from 'protobufjs/minimal.js';

$protobuf.util.Long = undefined as unknown as typeof $protobuf.util.Long;
$protobuf.configure();
