//! ONNX model files: the protobuf messages ([`proto`]) and a small builder of graphs over
//! them ([`GraphBuilder`]). Steps and algorithms add their nodes to one graph, each in its own
//! `onnx.rs` beside its fit and apply (as `sql.rs` does for SQL); the model file around them
//! is assembled in `engine::artifact::onnx` (docs/onnx.md).

pub mod proto;

use prost::Message;

use proto::{
    attribute_type, data_type, AttributeProto, Dimension, DimensionValue, GraphProto, ModelProto, NodeProto,
    OperatorSetIdProto, TensorProto, TensorShapeProto, TensorTypeProto, TypeProto, ValueInfoProto,
};

/// The IR version written (10: onnxruntime 1.16 and later read it).
pub const IR_VERSION: i64 = 10;
/// The default domain's operator set.
pub const OPSET: i64 = 21;
/// The `ai.onnx.ml` operator set (5: `TreeEnsemble` with double-precision splits).
pub const ML_OPSET: i64 = 5;
/// The domain of the classic machine-learning operators.
pub const ML_DOMAIN: &str = "ai.onnx.ml";
/// The start of every name the builder makes (graph inputs keep the columns' own names).
pub const NAME_PREFIX: &str = "sift/";

/// A fitted model's predictions as values of the graph (the names of its tensors).
#[derive(Clone, Debug, PartialEq)]
pub enum ModelOnnx {
    /// A classifier: the 0-based class index of each row (`int64 [N]`), which must pick the
    /// class `sift predict` picks (ties included), and the class probabilities (`double
    /// [N, classes]`, in the model's class order) where Sift gives them.
    Classes { class_index: String, probabilities: Option<String> },
    /// A regressor: the predicted number of each row (`double [N]`).
    Value(String),
    /// A clustering model: the cluster number of each row (`int64 [N]`, from 0).
    Cluster(String),
}

/// One axis of a tensor's shape: a fixed size, or the free number of rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dim {
    Fixed(i64),
    /// `N`: as many as the rows given.
    Rows,
}

/// Nodes, constants, inputs and outputs of a graph being built; each value gets a fresh name.
#[derive(Debug, Default)]
pub struct GraphBuilder {
    graph: GraphProto,
    names: usize,
}

impl GraphBuilder {
    /// An empty graph.
    pub fn new() -> Self {
        Self::default()
    }

    /// Declares a graph input named `name` (an input column keeps its own name).
    pub fn input(&mut self, name: &str, elem_type: i32, shape: &[Dim]) {
        self.graph.input.push(value_info(name, elem_type, shape));
    }

    /// Declares value `name` as a graph output.
    pub fn output(&mut self, name: &str, elem_type: i32, shape: &[Dim]) {
        self.graph.output.push(value_info(name, elem_type, shape));
    }

    /// A fresh value name: `sift/<hint>_<n>` (no input column may start with `sift/`).
    pub fn fresh(&mut self, hint: &str) -> String {
        self.names += 1;
        format!("{NAME_PREFIX}{hint}_{}", self.names)
    }

    /// A constant tensor of doubles of shape `dims`; its name.
    pub fn doubles(&mut self, hint: &str, dims: &[i64], values: Vec<f64>) -> String {
        self.constant(
            hint,
            TensorProto {
                dims: dims.to_vec(),
                data_type: data_type::DOUBLE,
                double_data: values,
                ..Default::default()
            },
        )
    }

    /// A constant tensor of 64-bit integers of shape `dims`; its name.
    pub fn int64s(&mut self, hint: &str, dims: &[i64], values: Vec<i64>) -> String {
        self.constant(
            hint,
            TensorProto { dims: dims.to_vec(), data_type: data_type::INT64, int64_data: values, ..Default::default() },
        )
    }

    /// A constant tensor of strings of shape `dims`; its name.
    pub fn strings(&mut self, hint: &str, dims: &[i64], values: &[String]) -> String {
        let string_data = values.iter().map(|s| s.as_bytes().to_vec()).collect();
        self.constant(
            hint,
            TensorProto { dims: dims.to_vec(), data_type: data_type::STRING, string_data, ..Default::default() },
        )
    }

    fn constant(&mut self, hint: &str, mut tensor: TensorProto) -> String {
        tensor.name = self.fresh(hint);
        let name = tensor.name.clone();
        self.graph.initializer.push(tensor);
        name
    }

    /// Adds a node of the default domain and returns its one output's name.
    pub fn node(&mut self, op_type: &str, inputs: &[&str], attributes: Vec<AttributeProto>) -> String {
        self.node_in("", op_type, inputs, attributes, 1).remove(0)
    }

    /// Adds a node of `domain` with `outputs` outputs and returns their names.
    pub fn node_in(
        &mut self,
        domain: &str,
        op_type: &str,
        inputs: &[&str],
        attribute: Vec<AttributeProto>,
        outputs: usize,
    ) -> Vec<String> {
        let hint = op_type.to_ascii_lowercase();
        let output: Vec<String> = (0..outputs).map(|_| self.fresh(&hint)).collect();
        let name = self.fresh(&format!("{hint}_node"));
        self.graph.node.push(NodeProto {
            input: inputs.iter().map(|s| s.to_string()).collect(),
            output: output.clone(),
            name,
            op_type: op_type.into(),
            domain: domain.into(),
            attribute,
            ..Default::default()
        });
        output
    }

    /// Renames value `from` to `to` with an `Identity` node (a graph output keeps a fixed name).
    pub fn rename(&mut self, from: &str, to: &str) {
        let name = self.fresh("identity_node");
        self.graph.node.push(NodeProto {
            input: vec![from.into()],
            output: vec![to.into()],
            name,
            op_type: "Identity".into(),
            ..Default::default()
        });
    }

    /// A subgraph (the body of a `Scan`, `Loop` or `If`) named `name`: `build` adds its inputs,
    /// nodes, constants and outputs to the builder, whose fresh names keep counting, so no
    /// name inside shadows one outside (the body may read values of the enclosing graph).
    pub fn subgraph(&mut self, name: &str, build: impl FnOnce(&mut GraphBuilder)) -> GraphProto {
        let outer = std::mem::take(&mut self.graph);
        build(self);
        let mut body = std::mem::replace(&mut self.graph, outer);
        body.name = name.into();
        body
    }

    /// The model file of the graph, named `name`, as bytes.
    pub fn into_model_bytes(mut self, name: &str, producer_version: &str) -> Vec<u8> {
        self.graph.name = name.into();
        let model = ModelProto {
            ir_version: IR_VERSION,
            producer_name: "Sift".into(),
            producer_version: producer_version.into(),
            graph: Some(self.graph),
            opset_import: vec![
                OperatorSetIdProto { domain: String::new(), version: OPSET },
                OperatorSetIdProto { domain: ML_DOMAIN.into(), version: ML_OPSET },
            ],
            ..Default::default()
        };
        model.encode_to_vec()
    }
}

/// An input's or output's declaration.
fn value_info(name: &str, elem_type: i32, shape: &[Dim]) -> ValueInfoProto {
    let dim = shape
        .iter()
        .map(|d| Dimension {
            value: Some(match d {
                Dim::Fixed(n) => DimensionValue::DimValue(*n),
                Dim::Rows => DimensionValue::DimParam("N".into()),
            }),
            ..Default::default()
        })
        .collect();
    let tensor_type = TensorTypeProto { elem_type, shape: Some(TensorShapeProto { dim }) };
    ValueInfoProto {
        name: name.into(),
        r#type: Some(TypeProto { tensor_type: Some(tensor_type), ..Default::default() }),
        ..Default::default()
    }
}

/// An integer attribute.
pub fn int(name: &str, value: i64) -> AttributeProto {
    AttributeProto { name: name.into(), i: value, r#type: attribute_type::INT, ..Default::default() }
}

/// A list-of-integers attribute.
pub fn ints(name: &str, values: Vec<i64>) -> AttributeProto {
    AttributeProto { name: name.into(), ints: values, r#type: attribute_type::INTS, ..Default::default() }
}

/// A float attribute (ONNX attributes are single precision; exact values go in tensors).
pub fn float(name: &str, value: f32) -> AttributeProto {
    AttributeProto { name: name.into(), f: value, r#type: attribute_type::FLOAT, ..Default::default() }
}

/// A string attribute.
pub fn string(name: &str, value: &str) -> AttributeProto {
    AttributeProto {
        name: name.into(),
        s: value.as_bytes().to_vec(),
        r#type: attribute_type::STRING,
        ..Default::default()
    }
}

/// A list-of-strings attribute.
pub fn strings(name: &str, values: &[String]) -> AttributeProto {
    let strings = values.iter().map(|s| s.as_bytes().to_vec()).collect();
    AttributeProto { name: name.into(), strings, r#type: attribute_type::STRINGS, ..Default::default() }
}

/// A tensor attribute (e.g. `*_as_tensor` for double-precision tree thresholds).
pub fn tensor(name: &str, value: TensorProto) -> AttributeProto {
    AttributeProto { name: name.into(), t: Some(value), r#type: attribute_type::TENSOR, ..Default::default() }
}

/// A graph attribute (the body of a `Scan`, `Loop` or `If`; see [`GraphBuilder::subgraph`]).
pub fn graph(name: &str, value: GraphProto) -> AttributeProto {
    AttributeProto { name: name.into(), g: Some(Box::new(value)), r#type: attribute_type::GRAPH, ..Default::default() }
}

/// A double tensor of shape `dims` (for [`tensor`] attributes).
pub fn double_tensor(dims: &[i64], values: Vec<f64>) -> TensorProto {
    TensorProto { dims: dims.to_vec(), data_type: data_type::DOUBLE, double_data: values, ..Default::default() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_protobuf_as_the_specification_numbers_it() {
        // Field 2 (version), varint 21: bytes 0x10 0x15; the empty domain is not written.
        let opset = OperatorSetIdProto { domain: String::new(), version: 21 };
        assert_eq!(opset.encode_to_vec(), vec![0x10, 0x15]);
        // Field 10 (double_data), packed: tag 0x52, length 8, then 1.5 little-endian.
        let tensor = TensorProto { double_data: vec![1.5], ..Default::default() };
        let mut expected = vec![0x52, 8];
        expected.extend(1.5f64.to_le_bytes());
        assert_eq!(tensor.encode_to_vec(), expected);
    }

    #[test]
    fn a_built_graph_reads_back() {
        let mut g = GraphBuilder::new();
        g.input("x", data_type::DOUBLE, &[Dim::Rows, Dim::Fixed(1)]);
        let two = g.doubles("two", &[], vec![2.0]);
        let y = g.node("Mul", &["x", &two], Vec::new());
        g.rename(&y, "y");
        g.output("y", data_type::DOUBLE, &[Dim::Rows, Dim::Fixed(1)]);
        let bytes = g.into_model_bytes("double", "0.1.0");
        let model = ModelProto::decode(bytes.as_slice()).unwrap();
        let graph = model.graph.unwrap();
        assert_eq!(graph.node.len(), 2);
        assert_eq!(graph.node[0].op_type, "Mul");
        assert_eq!(graph.initializer[0].double_data, vec![2.0]);
        assert_eq!(graph.output[0].name, "y");
        assert_eq!(model.opset_import.len(), 2);
    }

    #[test]
    fn a_subgraph_keeps_its_own_nodes_and_fresh_names() {
        let mut g = GraphBuilder::new();
        let outer = g.doubles("outer", &[], vec![1.0]);
        let body = g.subgraph("body", |g| {
            let inner = g.doubles("inner", &[], vec![2.0]);
            let sum = g.node("Add", &[&outer, &inner], Vec::new());
            g.output(&sum, data_type::DOUBLE, &[]);
        });
        assert_eq!(body.name, "body");
        assert_eq!(body.node.len(), 1);
        assert_eq!(body.initializer.len(), 1);
        assert_ne!(body.initializer[0].name, outer);
        let node = g.node("Scan", &[&outer], vec![graph("body", body)]);
        let model = ModelProto::decode(g.into_model_bytes("outer", "0.1.0").as_slice()).unwrap();
        let graph = model.graph.unwrap();
        assert_eq!((graph.node.len(), graph.initializer.len()), (1, 1));
        assert_eq!(graph.node[0].output, vec![node]);
        assert_eq!(graph.node[0].attribute[0].g.as_ref().unwrap().node[0].op_type, "Add");
    }
}
