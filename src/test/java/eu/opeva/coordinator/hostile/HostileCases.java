package eu.opeva.coordinator.hostile;

import eu.opeva.coordinator.auth.OperationRoles;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Every generated request, operation by operation, in the contract's order. */
final class HostileCases {
  private HostileCases() {}

  static List<HostileRequest> all(
      List<BaseRequest> bases, OperationRoles operations, SeededState s, String root, byte[] zip) {
    Set<String> pathsDone = new HashSet<>();
    List<HostileRequest> out = new ArrayList<>();
    for (BaseRequest b : bases) {
      out.addAll(AuthCases.of(b, s));
      out.addAll(ParameterCases.of(b, root));
      out.addAll(BodyCases.of(b, root));
      out.addAll(SyntaxCases.of(b));
      out.addAll(UploadCases.of(b, root, zip));
      out.addAll(ProtocolCases.contentTypes(b));
      out.addAll(ProtocolCases.oversized(b));
      if (pathsDone.add(b.template())) {
        out.addAll(ProtocolCases.methods(b, operations));
      }
    }
    return out;
  }
}
