package catalogtest

import "testing"

func TestParseEntries(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
		wantErr    bool
	}{
		{"empty", "", nil, false},
		{"in file order, anchors dropped", "_base: &b {type: MemoryDataset}\nb: *b\na: {type: MemoryDataset}\n", []string{"b", "a"}, false},
		{"not a mapping", "- a\n- b\n", nil, true},
		{"bad YAML", "a: [\n", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseEntries(tt.text, "conf/base/catalog.yml")
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d entries, want %v", len(got), tt.want)
			}
			for i, e := range got {
				if e.Name != tt.want[i] || e.File != "conf/base/catalog.yml" || e.Node == nil {
					t.Errorf("entry %d = %+v, want name %q from conf/base/catalog.yml", i, e, tt.want[i])
				}
			}
		})
	}
}
