#pragma once
// The toolbar's variant list: "base" and the scenario's `variants:`. Choosing one emits
// variantChosen (the window reloads the same file as that variant). Disabled when the scenario has
// no variants, so the toolbar does not reflow from one scenario to the next.
#include "scenario/Scenario.h"

#include <QComboBox>

namespace esui {

class VariantChooser : public QComboBox {
    Q_OBJECT
public:
    explicit VariantChooser(QWidget* parent = nullptr);

    // Lists the scenario's variants and shows the one it was loaded as; emits nothing.
    void setScenario(const es::Scenario& scenario);
    // "" for the base scenario.
    QString variant() const;

signals:
    void variantChosen(const QString& variant); // "" = the base scenario
};

} // namespace esui
