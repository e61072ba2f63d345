#pragma once
// The key to the tokens, in a corner of the graph view: what each shape of token means (delivery,
// redelivery, duplicate, dead-lettered, dropped), the colour of each event type in the scenario, and
// what a flow band is. Repaints only when the scenario's event types change.
#include <QWidget>

#include <string>
#include <vector>

namespace esui {

class TokenLegend : public QWidget {
    Q_OBJECT
public:
    explicit TokenLegend(QWidget* parent = nullptr);

    void setTypeNames(const std::vector<std::string>& names);
    const QStringList& typeNames() const { return types_; }
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* e) override;

private:
    QStringList types_;
};

} // namespace esui
