package io.illc.core.model;

import io.illc.core.InputException;
import onnx.Onnx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.protobuf.ByteString;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Model files that declare more than they hold are bad input, found before anything is allocated. */
class HostileModelFilesTest {
    @TempDir
    Path dir;

    private Path onnxWithWeight(Onnx.TensorProto weight) throws Exception {
        Onnx.GraphProto graph = Onnx.GraphProto.newBuilder()
                .addInput(Onnx.ValueInfoProto.newBuilder().setName("x"))
                .addOutput(Onnx.ValueInfoProto.newBuilder().setName("y"))
                .addInitializer(weight)
                .addNode(Onnx.NodeProto.newBuilder().setOpType("MatMul").setName("mm").addInput("x").addInput("w").addOutput("y"))
                .build();
        Onnx.ModelProto model = Onnx.ModelProto.newBuilder().setIrVersion(7)
                .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setVersion(13)).setGraph(graph).build();
        return Files.write(dir.resolve("model.onnx"), model.toByteArray());
    }

    @Test
    void anOnnxTensorDeclaringMoreValuesThanMemoryHoldsIsRejectedBeforeAllocation() throws Exception {
        Path file = onnxWithWeight(Onnx.TensorProto.newBuilder().setName("w").setDataType(1).addDims(50_000).addDims(50_000)
                .setRawData(ByteString.copyFrom(new byte[16])).build());
        InputException e = assertThrows(InputException.class, () -> OnnxImport.read(file));
        assertTrue(e.getMessage().contains("tensor w has 4 values for shape [50000, 50000]"), e.getMessage());
    }

    @Test
    void anOnnxTensorWhoseShapeOverflowsALongIsRejected() throws Exception {
        Path file = onnxWithWeight(Onnx.TensorProto.newBuilder().setName("w").setDataType(1)
                .addDims(Long.MAX_VALUE / 2).addDims(4).build());
        InputException e = assertThrows(InputException.class, () -> OnnxImport.read(file));
        assertTrue(e.getMessage().contains("which cannot be stored"), e.getMessage());
    }

    @Test
    void anUnknownEnumInADl4jZipIsWordedWithoutTheJavaClassName() {
        String problem = Dl4jModels.restoreProblem(new IllegalArgumentException(
                "No enum constant org.nd4j.linalg.api.buffer.DataBuffer.AllocationMode.XONG_SHAPE"));
        assertTrue(problem.contains("unknown AllocationMode 'XONG_SHAPE'"), problem);
        assertFalse(problem.contains("org.nd4j"), problem);
    }
}
