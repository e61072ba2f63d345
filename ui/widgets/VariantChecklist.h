#pragma once
// A list of a scenario's runs to tick, for the comparisons (side by side, over seeds): "base" (the
// scenario without a variant) and each of its `variants:`, in file order.
#include <QStringList>

#include <string>
#include <vector>

class QListWidget;

namespace esui {

// Refills `list`; the first `checked` items are ticked (all of them when negative).
void fillVariantChecklist(QListWidget* list, const std::vector<std::string>& variants, int checked = -1);
// The ticked names, in list order ("base" as such).
QStringList checkedVariants(const QListWidget* list);

} // namespace esui
